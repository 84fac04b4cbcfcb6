"use client";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { TokenCreated, TokensResponse, UserOut, UsersResponse } from "@/lib/schemas/settings";
import { z } from "zod";
import { settingsKeys } from "./query-keys";
import { useInvalidating } from "./use-prices";

const usersKey = ["settings", "users"] as const;
const tokensKey = ["settings", "tokens"] as const;

export const useUsers = () => useQuery({ queryKey: usersKey, queryFn: () => fetchJson("/api/v1/users", UsersResponse) });
export const useCreateUser = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/users", UserOut, { method: "POST", body }), [usersKey, settingsKeys.audit]);
export const useUpdateUser = () =>
  useInvalidating(({ id, ...body }: { id: string; role?: string; teams?: string[]; disabled?: true }) => fetchJson(`/api/v1/users/${encodeURIComponent(id)}`, UserOut, { method: "PATCH", body }), [usersKey, settingsKeys.audit]);

export const useTokens = () => useQuery({ queryKey: tokensKey, queryFn: () => fetchJson("/api/v1/api-tokens", TokensResponse) });
export const useCreateToken = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/api-tokens", TokenCreated, { method: "POST", body }), [tokensKey, settingsKeys.audit]);
export const useRevokeToken = () =>
  useInvalidating((id: string) => fetchJson(`/api/v1/api-tokens/${encodeURIComponent(id)}`, z.object({ revoked: z.string() }), { method: "DELETE" }), [tokensKey, settingsKeys.audit]);
