"use client";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { fetchJson, HttpError } from "@/lib/api/fetch-json";
import { AlertDetail, AlertOut, AlertRuleOut, AlertRulesResponse, AlertsResponse, ChannelOut, ChannelsResponse, EvaluateResponse, SmtpSettingsOut, TestSendResponse } from "@/lib/schemas/alerts";
import { useInvalidating } from "./use-prices";

/** Alerts, rules, channels: React Query hooks over /api/v1 (the page never touches lib/db). */
const keys = { all: ["alerts"] as const, list: (s: string) => ["alerts", "list", s] as const, one: (id: string) => ["alerts", "one", id] as const, rules: ["alerts", "rules"] as const, channels: ["alerts", "channels"] as const, smtp: ["alerts", "smtp"] as const };

export const useAlerts = (status: string) => useQuery({ queryKey: keys.list(status), queryFn: () => fetchJson(`/api/v1/alerts${status ? `?status=${status}` : ""}`, AlertsResponse) });
export const useAlert = (id: string) => useQuery({ queryKey: keys.one(id), queryFn: () => fetchJson(`/api/v1/alerts/${encodeURIComponent(id)}`, AlertDetail) });
export const useTransition = (id: string) =>
  useInvalidating((v: { action: "ack" | "resolve" | "snooze"; until?: string }) => fetchJson(`/api/v1/alerts/${encodeURIComponent(id)}/${v.action}`, AlertOut, { method: "POST", body: v.action === "snooze" ? { until: v.until } : undefined }), [keys.all]);
export const useEvaluate = () => useInvalidating((lookback_days: number) => fetchJson("/api/v1/alerts/evaluate", EvaluateResponse, { method: "POST", body: { lookback_days } }), [keys.all]);

export const useAlertRules = () => useQuery({ queryKey: keys.rules, queryFn: () => fetchJson("/api/v1/alert-rules", AlertRulesResponse) });
export const useAddAlertRule = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/alert-rules", AlertRuleOut, { method: "POST", body }), [keys.rules]);
export const useEditAlertRule = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => fetchJson(`/api/v1/alert-rules/${encodeURIComponent(v.id)}`, AlertRuleOut, { method: "PATCH", body: v.body }), [keys.rules]);
export const useDeleteAlertRule = () => useInvalidating((id: string) => fetchJson(`/api/v1/alert-rules/${encodeURIComponent(id)}`, z.object({ deleted: AlertRuleOut }), { method: "DELETE" }), [keys.rules, keys.all]);

export const useChannels = () => useQuery({ queryKey: keys.channels, queryFn: () => fetchJson("/api/v1/notification-channels", ChannelsResponse) });
export const useAddChannel = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/notification-channels", ChannelOut, { method: "POST", body }), [keys.channels]);
export const useEditChannel = () => useInvalidating((v: { id: string; body: Record<string, unknown> }) => fetchJson(`/api/v1/notification-channels/${encodeURIComponent(v.id)}`, ChannelOut, { method: "PATCH", body: v.body }), [keys.channels]);
export const useDeleteChannel = () => useInvalidating((id: string) => fetchJson(`/api/v1/notification-channels/${encodeURIComponent(id)}`, z.object({ deleted: ChannelOut }), { method: "DELETE" }), [keys.channels]);
export const useTestChannel = () => useInvalidating((id: string) => fetchJson(`/api/v1/notification-channels/${encodeURIComponent(id)}/test`, TestSendResponse, { method: "POST" }), []);
export const useSmtp = () => useQuery({ queryKey: keys.smtp, queryFn: () => fetchJson("/api/v1/settings/smtp", SmtpSettingsOut) });
export const useSaveSmtp = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/settings/smtp", SmtpSettingsOut, { method: "PATCH", body }), [keys.smtp]);

/** The change decomposition (another endpoint; may be absent on this build): null when it does not answer 200. */
const Change = z.object({
  baseline: z.object({ from: z.string(), to: z.string(), cost_usd: z.string() }),
  current: z.object({ from: z.string(), to: z.string(), cost_usd: z.string() }),
  change_usd: z.string(),
  drivers: z.array(z.object({ id: z.string(), label: z.string(), definition: z.string().optional(), amount_usd: z.string(), contributors: z.array(z.object({ dimension: z.string(), value: z.string(), amount_usd: z.string(), share: z.number().nullable().optional() })) })),
  residual_usd: z.string(),
});
export type ChangeExplanation = z.infer<typeof Change>;
export const useChange = (query: string | null) =>
  useQuery({
    queryKey: ["alerts", "change", query],
    enabled: query !== null,
    retry: false,
    queryFn: async () => {
      try {
        return await fetchJson(`/api/v1/change?${query}`, Change);
      } catch (err) {
        if (err instanceof HttpError || err instanceof z.ZodError) return null;
        throw err;
      }
    },
  });
