"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { changeQuery, type ChangeScope } from "@/lib/finops/change-links";
import { ChangeResponse } from "@/lib/schemas/change";

/** GET /api/v1/change for a scope: the drivers of its change from the baseline. */
export function useChange(s: ChangeScope, opts: { enabled?: boolean } = {}) {
  const query = changeQuery(s);
  return useQuery({
    queryKey: ["change", query] as const,
    queryFn: () => fetchJson(`/api/v1/change?${query}`, ChangeResponse),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
