import { insertBudgetEventOnce, listBudgetEvents, type BudgetEventRow } from "@/lib/db/budgets";
import { sendNotification } from "@/lib/notify/send";
import type { Threshold } from "@/lib/schemas/budget";
import type { Budget, BudgetPeriod } from "./model";
import { scopeLabel } from "./model";
import { logger } from "@/lib/log/logger";

/**
 * Threshold crossings. `onThresholdCrossed` is THE hook: it records the event once per budget, period,
 * kind and threshold (the unique index makes a second call a no-op) and returns it only when it is new.
 * A new event is sent to every enabled notification channel (lib/notify: the alerts' channels, built once),
 * in the background: a slow mail server never holds up ingest or a budget check. Deliveries are logged there.
 */
export type BudgetEvent = { id: string; budget_id: string; period: string; kind: "crossed" | "projected"; percent: number; action: Threshold["action"]; spend_usd: string; amount_usd: string; at: string };

const toEvent = (r: BudgetEventRow): BudgetEvent => ({ id: r.id, budget_id: r.budgetId, period: r.periodKey, kind: r.kind === "projected" ? "projected" : "crossed", percent: r.percent, action: r.action as Threshold["action"], spend_usd: r.spendUsd, amount_usd: r.amountUsd, at: r.at.toISOString() });

export async function onThresholdCrossed(input: { budget: Budget; period: BudgetPeriod; threshold: Threshold; kind: "crossed" | "projected"; spendUsd: string }): Promise<BudgetEvent | null> {
  const row = await insertBudgetEventOnce({
    budgetId: input.budget.id,
    periodKey: input.period.key,
    kind: input.kind,
    percent: input.threshold.percent,
    action: input.threshold.action,
    spendUsd: input.spendUsd,
    amountUsd: input.budget.amount_usd,
  });
  if (!row) return null;
  const event = toEvent(row);
  void sendNotification(notificationOf(input.budget, event)).catch((err: unknown) => logger.error({ err }, "budget notification failed"));
  return event;
}

/** The notification a new event sends. */
export function notificationOf(budget: Budget, e: BudgetEvent): { kind: "budget"; title: string; text: string; url: string; severity: "info" | "warning" | "critical" } {
  const name = budget.name || scopeLabel(budget);
  const verb = e.kind === "crossed" ? "reached" : "is projected to reach";
  return {
    kind: "budget",
    title: `Budget "${name}" ${verb} ${e.percent} %`,
    text: `${name} (${scopeLabel(budget)}): ${e.kind === "crossed" ? "spend" : "projected spend"} $${e.spend_usd} of $${e.amount_usd} in period ${e.period}; action: ${e.action.replace("_", " ")}.`,
    url: `/budgets/${budget.id}`,
    severity: e.action === "block" ? "critical" : e.action === "require_approval" ? "warning" : "info",
  };
}

export async function budgetEvents(budgetIds: readonly string[], limit = 200): Promise<BudgetEvent[]> {
  if (budgetIds.length === 0) return [];
  return (await listBudgetEvents({ budgetIds, limit })).map(toEvent);
}
