"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { BudgetDeleted, BudgetDetailOut, BudgetListOut, BudgetSaved, WhatIfOut } from "@/lib/schemas/budget";
import { ForecastsOut } from "@/lib/schemas/forecast";
import { TeamsResponse } from "@/lib/schemas/settings";
import { budgetKeys, forecastKeys, settingsKeys } from "./query-keys";
import { useInvalidating } from "./use-prices";

export const useBudgets = () => useQuery({ queryKey: budgetKeys.list, queryFn: () => fetchJson("/api/v1/budgets", BudgetListOut) });
export const useBudget = (id: string) => useQuery({ queryKey: budgetKeys.one(id), queryFn: () => fetchJson(`/api/v1/budgets/${encodeURIComponent(id)}`, BudgetDetailOut), retry: false });
export const useBudgetTeams = () => useQuery({ queryKey: settingsKeys.teams, queryFn: () => fetchJson("/api/v1/teams", TeamsResponse) });
export const useCreateBudget = () => useInvalidating((body: Record<string, unknown>) => fetchJson("/api/v1/budgets", BudgetSaved, { method: "POST", body }), [budgetKeys.all]);
export const useUpdateBudget = (id: string) => useInvalidating((body: Record<string, unknown>) => fetchJson(`/api/v1/budgets/${encodeURIComponent(id)}`, BudgetSaved, { method: "PATCH", body }), [budgetKeys.all]);
export const useDeleteBudget = () => useInvalidating((id: string) => fetchJson(`/api/v1/budgets/${encodeURIComponent(id)}`, BudgetDeleted, { method: "DELETE" }), [budgetKeys.list]);
export const useWhatIf = (id: string) => useMutation({ mutationFn: (body: Record<string, unknown>) => fetchJson(`/api/v1/budgets/${encodeURIComponent(id)}/what-if`, WhatIfOut, { method: "POST", body }) });
export const useForecasts = (dimension: string, period: string) =>
  useQuery({ queryKey: forecastKeys.of(dimension, period), queryFn: () => fetchJson(`/api/v1/forecasts?dimension=${encodeURIComponent(dimension)}&period=${encodeURIComponent(period)}`, ForecastsOut) });
