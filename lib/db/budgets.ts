import "server-only";
import { db } from "./prisma";

/**
 * Budgets and their threshold events in the metadata store. Plain storage: validation, permissions and
 * the audit record live in lib/budgets/manage.ts.
 */
export type BudgetRow = {
  id: string;
  name: string;
  scopeType: string;
  scopeValue: string;
  team: string | null;
  period: string;
  customFrom: string | null;
  customTo: string | null;
  amountUsd: string;
  thresholds: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
};
export type BudgetData = Omit<BudgetRow, "id" | "createdAt" | "updatedAt" | "createdBy">;

type Raw = Omit<BudgetRow, "team"> & { teamId: string | null; team: { slug: string } | null };
const toRow = ({ team, teamId: _teamId, ...rest }: Raw): BudgetRow => ({ ...rest, team: team?.slug ?? null });

async function teamIdOf(slug: string | null): Promise<string | null> {
  if (!slug) return null;
  const t = await (await db()).team.findUnique({ where: { slug } });
  return t?.id ?? null;
}

export async function listBudgets(): Promise<BudgetRow[]> {
  const rows = await (await db()).budget.findMany({ include: { team: { select: { slug: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map(toRow);
}

export async function getBudget(id: string): Promise<BudgetRow | null> {
  const row = await (await db()).budget.findUnique({ where: { id }, include: { team: { select: { slug: true } } } });
  return row ? toRow(row) : null;
}

export async function teamExists(slug: string): Promise<boolean> {
  return (await teamIdOf(slug)) !== null;
}

export async function insertBudget(data: BudgetData, createdBy: string): Promise<BudgetRow> {
  const { team, ...rest } = data;
  const row = await (await db()).budget.create({ data: { ...rest, teamId: await teamIdOf(team), createdBy }, include: { team: { select: { slug: true } } } });
  return toRow(row);
}

export async function updateBudgetRow(id: string, data: BudgetData): Promise<BudgetRow> {
  const { team, ...rest } = data;
  const row = await (await db()).budget.update({ where: { id }, data: { ...rest, teamId: await teamIdOf(team) }, include: { team: { select: { slug: true } } } });
  return toRow(row);
}

export async function deleteBudgetRow(id: string): Promise<void> {
  await (await db()).budget.delete({ where: { id } });
}

export type BudgetEventRow = { id: string; budgetId: string; periodKey: string; kind: string; percent: number; action: string; spendUsd: string; amountUsd: string; at: Date };

/** Records an event once per (budget, period, kind, percent); returns null when it was already recorded. */
export async function insertBudgetEventOnce(e: Omit<BudgetEventRow, "id" | "at"> & { at?: Date }): Promise<BudgetEventRow | null> {
  const prisma = await db();
  const where = { budgetId_periodKey_kind_percent: { budgetId: e.budgetId, periodKey: e.periodKey, kind: e.kind, percent: e.percent } };
  if (await prisma.budgetEvent.findUnique({ where })) return null;
  try {
    return await prisma.budgetEvent.create({ data: e });
  } catch (err) {
    // Two processes (or requests) racing: the unique index keeps one; the loser has nothing to record.
    if ((err as { code?: string }).code === "P2002") return null;
    throw err;
  }
}

export async function listBudgetEvents(opts: { budgetIds?: readonly string[]; limit?: number } = {}): Promise<BudgetEventRow[]> {
  return (await db()).budgetEvent.findMany({
    where: opts.budgetIds ? { budgetId: { in: [...opts.budgetIds] } } : undefined,
    orderBy: { at: "desc" },
    take: opts.limit ?? 200,
  });
}
