"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { OverviewResponse } from "@/lib/schemas/overview";
import { overviewKeys } from "./query-keys";

/** Overview figures for the last `days` days (GET /api/v1/overview). */
export function useOverview(days: number) {
  return useQuery({
    queryKey: overviewKeys.summary(days),
    queryFn: () => fetchJson(`/api/v1/overview?days=${days}`, OverviewResponse),
    placeholderData: keepPreviousData,
  });
}
