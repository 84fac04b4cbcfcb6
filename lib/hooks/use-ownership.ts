"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { AuditResponse, KeyCreated, KeysResponse, RecomputeResponse, RuleOut, RulesResponse, TeamOut, TeamsResponse } from "@/lib/schemas/settings";
import { z } from "zod";
import { settingsKeys, spendViewKeys } from "./query-keys";
import { useInvalidating } from "./use-prices";

export const useRules = () => useQuery({ queryKey: settingsKeys.rules, queryFn: () => fetchJson("/api/v1/ownership-rules", RulesResponse) });
export const useAddRule = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/ownership-rules", RuleOut, { method: "POST", body }), [settingsKeys.rules, settingsKeys.audit]);
export const useDeleteRule = () =>
  useInvalidating((id: string) => fetchJson(`/api/v1/ownership-rules/${encodeURIComponent(id)}`, z.object({ deleted: RuleOut }), { method: "DELETE" }), [settingsKeys.rules, settingsKeys.audit]);
export const useReapplyRules = () => useInvalidating(() => fetchJson("/api/v1/ownership-rules/reapply", RecomputeResponse, { method: "POST" }), [settingsKeys.audit, ...spendViewKeys]);

export const useKeys = () => useQuery({ queryKey: settingsKeys.keys, queryFn: () => fetchJson("/api/v1/ingest-keys", KeysResponse) });
export const useCreateKey = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/ingest-keys", KeyCreated, { method: "POST", body }), [settingsKeys.keys, settingsKeys.audit]);
export const useRevokeKey = () =>
  useInvalidating((id: string) => fetchJson(`/api/v1/ingest-keys/${encodeURIComponent(id)}`, z.object({ revoked: z.string() }), { method: "DELETE" }), [settingsKeys.keys, settingsKeys.audit]);

export const useTeams = () => useQuery({ queryKey: settingsKeys.teams, queryFn: () => fetchJson("/api/v1/teams", TeamsResponse) });
export const useAddTeam = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/teams", TeamOut, { method: "POST", body }), [settingsKeys.teams, settingsKeys.audit]);

export const useAudit = () => useQuery({ queryKey: settingsKeys.audit, queryFn: () => fetchJson("/api/v1/audit?limit=50", AuditResponse) });
