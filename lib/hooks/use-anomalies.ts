"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { AnomaliesResponse } from "@/lib/schemas/alerts";

/** GET /api/v1/anomalies: the alerts whose window overlaps a period, for the markers of the overview's chart. */
export function useAnomalies(range: { from: string; to: string; tz: string }) {
  const q = new URLSearchParams({ from: range.from, to: range.to, tz: range.tz });
  return useQuery({ queryKey: ["anomalies", q.toString()], queryFn: () => fetchJson(`/api/v1/anomalies?${q}`, AnomaliesResponse) });
}
