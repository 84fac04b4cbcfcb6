"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { ChargebackReportOut, ChargebackSettingsOut, CloseOut, RuleOut } from "@/lib/schemas/chargeback";
import { OrgSettingsOut } from "@/lib/schemas/org-settings";
import { chargebackKeys, settingsKeys, spendViewKeys } from "./query-keys";
import { useInvalidating } from "./use-prices";

/** GET /api/v1/chargeback for a period and attribution (and a previewed rule on an open period). */
export function useChargebackReport(p: { period: string; attribution: string; rule?: string }) {
  const q = new URLSearchParams({ period: p.period, attribution: p.attribution, ...(p.rule ? { rule: p.rule } : {}) });
  return useQuery({ queryKey: chargebackKeys.report(p), queryFn: () => fetchJson(`/api/v1/chargeback?${q}`, ChargebackReportOut), placeholderData: keepPreviousData });
}

const changed = [chargebackKeys.all, settingsKeys.audit];
export const useClosePeriod = () => useInvalidating((period: string) => fetchJson("/api/v1/chargeback/close", CloseOut, { method: "POST", body: { period } }), changed);
export const useReopenPeriod = () => useInvalidating((b: { period: string; reason: string }) => fetchJson("/api/v1/chargeback/reopen", CloseOut, { method: "POST", body: b }), changed);
export const useSetRule = () =>
  useInvalidating((b: { period: string; rule: string; percentages?: Record<string, string> }) => fetchJson("/api/v1/chargeback/rule", RuleOut, { method: "PUT", body: b }), changed);

export const useChargebackSettings = () => useQuery({ queryKey: chargebackKeys.settings, queryFn: () => fetchJson("/api/v1/chargeback/settings", ChargebackSettingsOut) });
export const useUpdateChargebackSettings = () =>
  useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/chargeback/settings", ChargebackSettingsOut, { method: "PATCH", body }), [chargebackKeys.all, settingsKeys.audit]);

export const useOrgSettings = () => useQuery({ queryKey: chargebackKeys.org, queryFn: () => fetchJson("/api/v1/settings/org", OrgSettingsOut) });
export const useUpdateOrgSettings = () =>
  useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/settings/org", OrgSettingsOut, { method: "PATCH", body }), [chargebackKeys.org, settingsKeys.audit, ...spendViewKeys]);
