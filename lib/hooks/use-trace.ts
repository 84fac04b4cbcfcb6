"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson, HttpError } from "@/lib/api/fetch-json";
import { TopTracesResponse, TraceResponse } from "@/lib/schemas/trace";
import { traceKeys } from "./query-keys";

// A 4xx answer will not change on retry; a retry only delays the not-found or bad-id message.
const retryServerErrors = (failures: number, error: Error) => failures < 1 && !(error instanceof HttpError && error.status < 500);

/** GET /api/v1/traces/{id}: one trace by trace_id or request_id. */
export function useTrace(id: string) {
  return useQuery({
    queryKey: traceKeys.one(id),
    queryFn: () => fetchJson(`/api/v1/traces/${encodeURIComponent(id)}`, TraceResponse),
    retry: retryServerErrors,
  });
}

/** GET /api/v1/traces with a prepared query string (range, filters, limit). */
export function useTopTraces(query: string) {
  return useQuery({
    queryKey: traceKeys.top(query),
    queryFn: () => fetchJson(`/api/v1/traces?${query}`, TopTracesResponse),
    placeholderData: keepPreviousData,
    retry: retryServerErrors,
  });
}
