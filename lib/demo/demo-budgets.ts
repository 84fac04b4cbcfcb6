import Decimal from "decimal.js";
import { notifyBudgetsChanged } from "@/lib/budgets/check-state";
import { budgetPeriod, localDate, addDays, type Budget } from "@/lib/budgets/model";
import { totalSpend } from "@/lib/budgets/spend";
import type { BudgetFilter } from "@/lib/clickhouse/queries/budget-filter";
import { recordAudit } from "@/lib/db/audit";
import { insertBudget, listBudgets } from "@/lib/db/budgets";
import { getOrgSettings } from "@/lib/db/org-settings";
import { DEFAULT_THRESHOLDS } from "@/lib/schemas/budget";
import { demoIncidentWindows } from "./incidents";

/**
 * The demo's budgets, created once, right after the demo's events are stored (lib/demo/load-demo.ts only gets
 * here when the event store was empty, so a restart or a second `cli demo` never adds more; and none are made
 * when any budget exists). Each amount is set the way a finance lead sets one: from the scope's run rate this
 * period WITHOUT the incident that hits it, with headroom (`share`: the part of the budget that run rate uses).
 * The incidents then push them over (with the demo's default end, now):
 *  - Organisation, monthly: 60 % without incidents. On track.
 *  - Platform team, monthly: 75 % without the runaway coding agent (day −4); with it, past 100 % (require
 *    approval) whenever the agent ran inside the current month (the demo loaded on the 5th of a month or later).
 *  - Search team, monthly: set tight, 90 % of its run rate (the retry storm of day −9 adds little spend):
 *    past 80 % (notify), a warning.
 *  - coding-agent feature (all teams), quarterly: 85 % without the runaway agent; warning with it.
 *  - Work item PLAT-1423 (the runaway agent's ticket), $50 for its two-week sprint as a custom range around
 *    the incident: always contains it, and the agent alone burns several times that (block).
 */
type Plan = { name: string; scope_type: Budget["scope_type"]; scope_value: string; team: string | null; period: Budget["period"]; filter: BudgetFilter; incident: string; share: number; floor?: number; custom?: [string, string] };

const HOUR_MS = 3_600_000;

/** Spend of `filter` in [start, now), and how much of it is the incident's excess over the scope's own run rate. */
async function withoutIncident(filter: BudgetFilter, start: Date, now: Date, window: { start: Date; end: Date } | undefined, tz: string): Promise<Decimal> {
  const actual = await totalSpend(filter, start, now, tz);
  if (!window) return actual;
  const from = new Date(Math.max(window.start.getTime(), start.getTime()));
  const to = new Date(Math.min(window.end.getTime(), now.getTime()));
  if (to <= from) return actual;
  const inside = await totalSpend(filter, from, to, tz);
  const insideHours = (to.getTime() - from.getTime()) / HOUR_MS;
  const outsideHours = Math.max(1, (now.getTime() - start.getTime()) / HOUR_MS - insideHours);
  const usual = actual.minus(inside).div(outsideHours).times(insideHours); // what the window would have cost
  return Decimal.min(actual, actual.minus(inside).plus(usual));
}

/** Rounded up to whole $10, at least `floor`: budgets people set are round numbers. */
const roundUp = (v: Decimal, floor = 10) => Decimal.max(floor, v.div(10).ceil().times(10)).toFixed(0);

export async function seedDemoBudgets(now: Date): Promise<number> {
  if ((await listBudgets()).length > 0) return 0;
  const cal = await getOrgSettings();
  const windows = new Map(demoIncidentWindows(now).map((w) => [w.id, { start: new Date(w.start), end: new Date(w.end) }]));
  const runaway = windows.get("runaway-agent")!;
  const sprintFrom = addDays(localDate(runaway.start, cal.timeZone), -7); // a week before to a week after: contains today
  const plans: Plan[] = [
    { name: "Organisation monthly", scope_type: "org", scope_value: "", team: null, period: "month", filter: {}, incident: "", share: 0.6 },
    { name: "Platform monthly", scope_type: "team", scope_value: "platform", team: "platform", period: "month", filter: { team: "platform" }, incident: "runaway-agent", share: 0.75 },
    { name: "Search monthly", scope_type: "team", scope_value: "search", team: "search", period: "month", filter: { team: "search" }, incident: "retry-storm", share: 0.9 },
    { name: "Coding agent quarterly", scope_type: "feature", scope_value: "coding-agent", team: null, period: "quarter", filter: { feature: "coding-agent" }, incident: "runaway-agent", share: 0.85 },
    { name: "PLAT-1423 sprint", scope_type: "work_item", scope_value: "PLAT-1423", team: "platform", period: "custom", filter: { team: "platform", work_item: "PLAT-1423" }, incident: "runaway-agent", share: 0.5, floor: 50, custom: [sprintFrom, addDays(sprintFrom, 14)] },
  ];
  const thresholds = JSON.stringify(DEFAULT_THRESHOLDS);
  for (const p of plans) {
    const period = budgetPeriod({ period: p.period, custom_from: p.custom?.[0] ?? null, custom_to: p.custom?.[1] ?? null }, now, cal);
    const until = now < period.end ? now : period.end;
    const usual = await withoutIncident(p.filter, period.start, until, p.incident ? windows.get(p.incident as never) : undefined, cal.timeZone);
    const row = await insertBudget({ name: p.name, scopeType: p.scope_type, scopeValue: p.scope_value, team: p.team, period: p.period, customFrom: p.custom?.[0] ?? null, customTo: p.custom?.[1] ?? null, amountUsd: roundUp(usual.div(p.share), p.floor), thresholds }, "demo");
    await recordAudit({ actor: "demo", action: "budget.create", entity: "budget", entityId: row.id, after: { name: row.name, scope_type: row.scopeType, scope_value: row.scopeValue, team: row.team, period: row.period, amount_usd: row.amountUsd } });
  }
  notifyBudgetsChanged();
  return plans.length;
}
