"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { PricesResponse, RecomputeResponse, UnpricedResponse, UpsertResponse } from "@/lib/schemas/settings";
import { settingsKeys, spendViewKeys } from "./query-keys";

export const usePrices = () => useQuery({ queryKey: settingsKeys.prices, queryFn: () => fetchJson("/api/v1/prices", PricesResponse) });
export const useUnpriced = () => useQuery({ queryKey: settingsKeys.unpriced, queryFn: () => fetchJson("/api/v1/prices/unpriced", UnpricedResponse) });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, keys: readonly (readonly unknown[])[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: k }))) });
}

export const useSavePrice = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/prices", UpsertResponse, { method: "POST", body }), [settingsKeys.prices, settingsKeys.audit, settingsKeys.unpriced, ...spendViewKeys]);
export const useImportLitellm = () =>
  useInvalidating((body: { litellm: unknown; validFrom: string }) => fetchJson("/api/v1/prices/import", UpsertResponse, { method: "POST", body }), [settingsKeys.prices, settingsKeys.audit, settingsKeys.unpriced, ...spendViewKeys]);
export const useReprice = () =>
  useInvalidating(() => fetchJson("/api/v1/prices/reprice", RecomputeResponse, { method: "POST" }), [settingsKeys.unpriced, settingsKeys.audit, ...spendViewKeys]);
export { useInvalidating };
