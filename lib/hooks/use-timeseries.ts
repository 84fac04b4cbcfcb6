"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { TimeseriesResponse } from "@/lib/schemas/timeseries";

/** GET /api/v1/timeseries with a prepared query string (the explorer's chart). */
export function useTimeseriesQuery(query: string) {
  return useQuery({
    queryKey: ["timeseries", "q", query] as const,
    queryFn: () => fetchJson(`/api/v1/timeseries?${query}`, TimeseriesResponse),
    placeholderData: keepPreviousData,
  });
}
