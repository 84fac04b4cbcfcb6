import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { actorOfPrincipal, type Principal } from "@/lib/auth/principal";
import { can, inScope, requirePermission, teamScope } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/db/audit";
import { deleteBudgetRow, getBudget, insertBudget, listBudgets, teamExists, updateBudgetRow, type BudgetData } from "@/lib/db/budgets";
import { getOrgSettings } from "@/lib/db/org-settings";
import { budgetRules, BudgetPatch, type BudgetCreate } from "@/lib/schemas/budget";
import { z } from "zod";
import { budgetEvents, type BudgetEvent } from "./events";
import { ownerTeam, toBudget, type Budget } from "./model";
import { budgetStatus, type BudgetStatus } from "./status";
import { notifyBudgetsChanged } from "./check-state";

/**
 * Budgets as the API and pages use them: who may see and change which, validation against the store
 * (teams exist), the audit record of each change, and the listing with status and forecast.
 * Visibility: admin and finance see all; a lead or viewer sees the budgets of their teams (never org-level
 * ones). Changes: budgets:write, and a lead only on budgets of their own teams.
 */
function visible(p: Principal, b: Budget): boolean {
  const scope = teamScope(p);
  if (scope.all) return true;
  const team = ownerTeam(b);
  return team !== null && inScope(scope, team);
}

function requireWrite(p: Principal, b: Pick<Budget, "scope_type" | "scope_value" | "team">): void {
  requirePermission(p, "budgets:write", { team: ownerTeam(b) });
}

async function checkTeams(b: BudgetCreate): Promise<void> {
  for (const [field, slug] of [["team", b.team], ["scope_value", b.scope_type === "team" ? b.scope_value : null]] as const) {
    if (slug && !(await teamExists(slug))) throw new InvalidInputError(`${field}: unknown team "${slug}"`, { fieldErrors: { [field]: [`unknown team "${slug}"`] } });
  }
}

const toData = (b: BudgetCreate): BudgetData => ({
  name: b.name,
  scopeType: b.scope_type,
  scopeValue: b.scope_type === "org" ? "" : b.scope_value || (b.scope_type === "team" ? b.team ?? "" : ""),
  team: b.scope_type === "team" ? b.scope_value || b.team : b.team,
  period: b.period,
  customFrom: b.period === "custom" ? b.custom_from : null,
  customTo: b.period === "custom" ? b.custom_to : null,
  amountUsd: b.amount_usd,
  thresholds: JSON.stringify([...b.thresholds].sort((x, y) => x.percent - y.percent)),
});

const asInput = (b: Budget): BudgetCreate => ({ name: b.name, scope_type: b.scope_type, scope_value: b.scope_value, team: b.team, period: b.period, custom_from: b.custom_from, custom_to: b.custom_to, amount_usd: b.amount_usd, thresholds: b.thresholds });

export async function createBudget(input: BudgetCreate, p: Principal): Promise<Budget> {
  requireWrite(p, input);
  await checkTeams(input);
  const b = toBudget(await insertBudget(toData(input), actorOfPrincipal(p)));
  await recordAudit({ actor: actorOfPrincipal(p), action: "budget.create", entity: "budget", entityId: b.id, after: asInput(b) });
  notifyBudgetsChanged();
  return b;
}

async function visibleBudget(id: string, p: Principal): Promise<Budget> {
  const row = await getBudget(id);
  const b = row ? toBudget(row) : null;
  if (!b || !visible(p, b)) throw new NotFoundError(`No budget "${id}"`);
  return b;
}

export async function updateBudget(id: string, patch: BudgetPatch, p: Principal): Promise<Budget> {
  const before = await visibleBudget(id, p);
  requireWrite(p, before);
  const merged = { ...asInput(before), ...patch };
  if (patch.period && patch.period !== "custom" && patch.custom_from === undefined) merged.custom_from = null;
  if (patch.period && patch.period !== "custom" && patch.custom_to === undefined) merged.custom_to = null;
  const checked = z.custom<BudgetCreate>().superRefine((v, ctx) => budgetRules(v, ctx)).parse(merged);
  requireWrite(p, checked); // a lead may not move a budget to another team
  await checkTeams(checked);
  const after = toBudget(await updateBudgetRow(id, toData(checked)));
  await recordAudit({ actor: actorOfPrincipal(p), action: "budget.update", entity: "budget", entityId: id, before: asInput(before), after: asInput(after) });
  notifyBudgetsChanged();
  return after;
}

export async function deleteBudget(id: string, p: Principal): Promise<Budget> {
  const before = await visibleBudget(id, p);
  requireWrite(p, before);
  await deleteBudgetRow(id);
  await recordAudit({ actor: actorOfPrincipal(p), action: "budget.delete", entity: "budget", entityId: id, before: asInput(before) });
  notifyBudgetsChanged();
  return before;
}

export async function listBudgetStatuses(p: Principal, now = new Date()): Promise<{ budgets: (Omit<BudgetStatus, "chart"> & { can_edit: boolean })[] }> {
  const cal = await getOrgSettings();
  const budgets = (await listBudgets()).map(toBudget).filter((b) => visible(p, b));
  const out = [];
  for (const b of budgets) {
    const { chart: _chart, ...s } = await budgetStatus(b, { now, cal, record: true });
    out.push({ ...s, can_edit: can(p, "budgets:write", { team: ownerTeam(b) }) });
  }
  return { budgets: out };
}

export async function budgetDetail(id: string, p: Principal, now = new Date()): Promise<{ budget: BudgetStatus & { can_edit: boolean }; events: BudgetEvent[] }> {
  const b = await visibleBudget(id, p);
  const status = await budgetStatus(b, { now, cal: await getOrgSettings(), record: true });
  return { budget: { ...status, can_edit: can(p, "budgets:write", { team: ownerTeam(b) }) }, events: await budgetEvents([b.id]) };
}

export async function listVisibleEvents(p: Principal, budgetId?: string): Promise<{ events: BudgetEvent[] }> {
  const ids = (await listBudgets()).map(toBudget).filter((b) => visible(p, b) && (!budgetId || b.id === budgetId)).map((b) => b.id);
  return { events: await budgetEvents(ids) };
}

export { visibleBudget };
