"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { SummaryResponse } from "@/lib/schemas/summary";

/** GET /api/v1/summary for a date range (UTC), optionally grouped. */
export function useSummary(p: { from: string; to: string; groupBy?: string }) {
  return useSummaryQuery(new URLSearchParams({ from: p.from, to: p.to, ...(p.groupBy ? { group_by: p.groupBy } : {}) }).toString());
}

/**
 * GET /api/v1/summary with a prepared query string (the explorer's filters included). `enabled: false`
 * holds the request back (a filter picker fetches its values only once opened).
 */
export function useSummaryQuery(query: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["summary", "q", query] as const,
    queryFn: () => fetchJson(`/api/v1/summary?${query}`, SummaryResponse),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
