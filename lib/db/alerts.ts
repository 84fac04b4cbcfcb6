import "server-only";
import type { TeamScope } from "@/lib/auth/roles";
import { db } from "./prisma";

/** Alert rules and alerts (one row per incident). Visibility: admin/finance all; others alerts of their teams. */
export type RuleInput = { name: string; metric: string; scopeType: string; scopeValue: string; grain: string; sensitivity: string; minImpactUsd: string; minVolume: number; enabled: boolean };

export async function listRules() {
  return (await db()).alertRule.findMany({ orderBy: { createdAt: "asc" } });
}
export async function getRule(id: string) {
  return (await db()).alertRule.findUnique({ where: { id } });
}
export async function createRule(data: RuleInput) {
  return (await db()).alertRule.create({ data });
}
export async function updateRule(id: string, data: Partial<RuleInput>) {
  return (await db()).alertRule.update({ where: { id }, data });
}
export async function deleteRule(id: string) {
  return (await db()).alertRule.delete({ where: { id } });
}
export async function countRules(): Promise<number> {
  return (await db()).alertRule.count();
}

export type AlertRow = NonNullable<Awaited<ReturnType<typeof getAlert>>>;

export async function getAlert(id: string) {
  return (await db()).alert.findUnique({ where: { id }, include: { rule: true } });
}

const scopeWhere = (scope: TeamScope) => (scope.all ? {} : { team: { in: scope.teams.length ? scope.teams : ["\u0000none"] } });

export async function listAlerts(scope: TeamScope, filter: { status?: string[]; from?: Date; to?: Date; limit?: number } = {}) {
  return (await db()).alert.findMany({
    where: {
      ...scopeWhere(scope),
      ...(filter.status?.length ? { status: { in: filter.status } } : {}),
      ...(filter.from ? { windowEnd: { gt: filter.from } } : {}),
      ...(filter.to ? { windowStart: { lt: filter.to } } : {}),
    },
    orderBy: { windowStart: "desc" },
    take: filter.limit ?? 500,
    include: { rule: { select: { name: true } } },
  });
}

/** The alert an incident continues: same series, window touching or overlapping it. */
export async function findContinuedAlert(seriesKey: string, start: Date, end: Date) {
  return (await db()).alert.findFirst({ where: { seriesKey, windowStart: { lte: end }, windowEnd: { gte: start } }, orderBy: { windowStart: "desc" } });
}

type AlertData = {
  ruleId: string; seriesKey: string; metric: string; grain: string; scopeType: string; scopeValue: string; team: string;
  windowStart: Date; windowEnd: Date; lastFlaggedAt: Date; peakValue: number; peakExpected: number; peakScore: number; impactUsd: string; points: number;
  // augurs annotations (lib/alerts/annotate.ts)
  incidentKind?: string; shiftAt?: Date | null; levelBefore?: number | null; levelAfter?: number | null; outliers?: string;
};
export async function createAlert(data: AlertData) {
  return (await db()).alert.create({ data });
}
export async function updateAlert(id: string, data: Partial<AlertData> & { status?: string; snoozedUntil?: Date | null; acknowledgedBy?: string; acknowledgedAt?: Date; resolvedBy?: string; resolvedAt?: Date }) {
  return (await db()).alert.update({ where: { id }, data });
}
/** Snoozes that have run out become open again. */
export async function wakeSnoozed(now: Date): Promise<number> {
  const r = await (await db()).alert.updateMany({ where: { status: "snoozed", snoozedUntil: { lte: now } }, data: { status: "open", snoozedUntil: null } });
  return r.count;
}
