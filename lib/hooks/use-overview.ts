"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { overviewQuery, type OverviewState } from "@/lib/finops/overview-state";
import { OverviewResponse } from "@/lib/schemas/overview";
import { overviewKeys } from "./query-keys";

/**
 * GET /api/v1/overview for a period, zone and stack: one request feeds every panel of the page. The previous
 * answer stays on screen while a new range loads, so the layout does not jump.
 */
export function useOverview(s: OverviewState, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: overviewKeys.view(s),
    queryFn: () => fetchJson(`/api/v1/overview?${overviewQuery(s)}`, OverviewResponse),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
