import "server-only";
import { recordAudit } from "./audit";
import { db } from "./prisma";

/**
 * Chargeback metadata: the settings row, the allocation rule chosen per period, and the frozen reports of
 * closed periods (snapshots with their lines). Closing also marks the Period row closed, which is what
 * lib/db/periods.ts closedMonths() reads (repricing and re-attribution skip closed periods). Every change
 * is audited, reopening with before and after.
 */
export type Rule = "proportional" | "even" | "fixed";
export type Wording = "chargeback" | "showback";
export type StoredChargebackSettings = { sharedTeams: string[]; sharedServices: string[]; evalToPool: boolean; wording: Wording; defaultRule: Rule };

export const CHARGEBACK_DEFAULTS: StoredChargebackSettings = { sharedTeams: [], sharedServices: [], evalToPool: false, wording: "chargeback", defaultRule: "proportional" };

const strings = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

export async function getChargebackSettings(): Promise<StoredChargebackSettings> {
  const row = await (await db()).chargebackSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...CHARGEBACK_DEFAULTS };
  return { sharedTeams: strings(row.sharedTeams), sharedServices: strings(row.sharedServices), evalToPool: row.evalToPool, wording: row.wording as Wording, defaultRule: row.defaultRule as Rule };
}

export async function updateChargebackSettings(patch: Partial<StoredChargebackSettings>, actor: string): Promise<StoredChargebackSettings> {
  const before = await getChargebackSettings();
  const after = { ...before, ...patch };
  const data = { sharedTeams: JSON.stringify(after.sharedTeams), sharedServices: JSON.stringify(after.sharedServices), evalToPool: after.evalToPool, wording: after.wording, defaultRule: after.defaultRule };
  await (await db()).chargebackSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  await recordAudit({ actor, action: "chargeback_settings.update", entity: "chargeback_settings", entityId: "1", before, after });
  return after;
}

export type PeriodRule = { rule: Rule; percentages: Record<string, string>; chosen: boolean };

/** The rule chosen for a period, or the default rule when none was chosen. */
export async function getPeriodRule(period: string): Promise<PeriodRule> {
  const row = await (await db()).chargebackRule.findUnique({ where: { period } });
  if (!row) return { rule: (await getChargebackSettings()).defaultRule, percentages: {}, chosen: false };
  return { rule: row.rule as Rule, percentages: JSON.parse(row.percentages) as Record<string, string>, chosen: true };
}

export async function setPeriodRule(period: string, rule: Rule, percentages: Record<string, string>, actor: string): Promise<PeriodRule> {
  const before = await getPeriodRule(period);
  const data = { rule, percentages: JSON.stringify(rule === "fixed" ? percentages : {}), updatedBy: actor };
  await (await db()).chargebackRule.upsert({ where: { period }, create: { period, ...data }, update: data });
  const after = { rule, percentages: rule === "fixed" ? percentages : {}, chosen: true };
  await recordAudit({ actor, action: "chargeback.rule", entity: "period", entityId: period, before, after });
  return after;
}

export type SnapshotLine = { kind: "team" | "adjustment"; team: string; directUsd: string; allocatedUsd: string; adjustmentsUsd: string; totalUsd: string; sourcePeriod: string; reason: string };
export type Snapshot = { id: string; period: string; start: Date; end: Date; rule: string; report: string; hash: string; totalUsd: string; closedBy: string; closedAt: Date; lines: SnapshotLine[] };

const current = { supersededAt: null };

/** The current (not superseded) frozen report of a period, if it is closed. */
export async function currentSnapshot(period: string): Promise<Snapshot | null> {
  const row = await (await db()).chargebackSnapshot.findFirst({ where: { period, ...current }, include: { lines: true } });
  return (row as Snapshot | null) ?? null;
}

/** Every current frozen report (closed periods), oldest first. */
export async function currentSnapshots(): Promise<Snapshot[]> {
  return (await (await db()).chargebackSnapshot.findMany({ where: current, include: { lines: true }, orderBy: { start: "asc" } })) as Snapshot[];
}

export class PeriodStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeriodStateError";
  }
}

/** Freezes a report: snapshot + lines + the Period row closed, in one transaction. Refuses a closed period. */
export async function saveSnapshot(input: Omit<Snapshot, "id">): Promise<Snapshot> {
  const prisma = await db();
  const created = await prisma.$transaction(async (tx) => {
    if (await tx.chargebackSnapshot.findFirst({ where: { period: input.period, ...current } })) throw new PeriodStateError(`Period ${input.period} is already closed`);
    const snap = await tx.chargebackSnapshot.create({
      data: { period: input.period, start: input.start, end: input.end, rule: input.rule, report: input.report, hash: input.hash, totalUsd: input.totalUsd, closedBy: input.closedBy, closedAt: input.closedAt, lines: { create: input.lines } },
      include: { lines: true },
    });
    const period = { end: input.end, status: "closed", closedAt: input.closedAt, closedById: input.closedBy };
    await tx.period.upsert({ where: { start: input.start }, create: { start: input.start, ...period }, update: period });
    return snap;
  });
  await recordAudit({ actor: input.closedBy, action: "chargeback.close", entity: "period", entityId: input.period, before: { status: "open" }, after: { status: "closed", hash: input.hash, total_usd: input.totalUsd, rule: input.rule } });
  return created as Snapshot;
}

/** Reopens a closed period: its snapshot is kept but superseded, the Period row goes back to open. */
export async function supersedeSnapshot(period: string, actor: string, reason: string): Promise<Snapshot> {
  const prisma = await db();
  const snap = await currentSnapshot(period);
  if (!snap) throw new PeriodStateError(`Period ${period} is not closed`);
  const at = new Date();
  await prisma.$transaction([
    prisma.chargebackSnapshot.update({ where: { id: snap.id }, data: { supersededAt: at, supersededBy: actor } }),
    prisma.period.updateMany({ where: { start: snap.start }, data: { status: "open", closedAt: null, closedById: null } }),
  ]);
  await recordAudit({
    actor,
    action: "chargeback.reopen",
    entity: "period",
    entityId: period,
    before: { status: "closed", hash: snap.hash, total_usd: snap.totalUsd, closed_by: snap.closedBy, closed_at: snap.closedAt.toISOString() },
    after: { status: "open", reason },
  });
  return snap;
}
