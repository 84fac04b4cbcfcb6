import "server-only";
import { InvalidInputError } from "@/lib/errors";
import type { OwnershipRuleRow } from "@/lib/finops/attribution";
import { db } from "./prisma";

/** Ownership rules with their team's slug, in no particular order (sortRules orders them). */
export async function listOwnershipRules(): Promise<OwnershipRuleRow[]> {
  const rows = await (await db()).ownershipRule.findMany({ include: { team: true } });
  return rows.map((r) => ({ id: r.id, field: r.field, matchType: r.matchType, pattern: r.pattern, priority: r.priority, team: r.team.slug, createdAt: r.createdAt }));
}

export async function createOwnershipRule(input: { field: string; matchType: "exact" | "prefix"; pattern: string; priority: number; teamSlug: string }): Promise<OwnershipRuleRow> {
  const prisma = await db();
  const team = await prisma.team.findUnique({ where: { slug: input.teamSlug } });
  if (!team) throw new InvalidInputError(`Unknown team "${input.teamSlug}"`);
  const r = await prisma.ownershipRule.create({
    data: { field: input.field, matchType: input.matchType, pattern: input.pattern, priority: input.priority, teamId: team.id },
  });
  return { id: r.id, field: r.field, matchType: r.matchType, pattern: r.pattern, priority: r.priority, team: team.slug, createdAt: r.createdAt };
}

export async function deleteOwnershipRule(id: string): Promise<OwnershipRuleRow | null> {
  const prisma = await db();
  const r = await prisma.ownershipRule.findUnique({ where: { id }, include: { team: true } });
  if (!r) return null;
  await prisma.ownershipRule.delete({ where: { id } });
  return { id: r.id, field: r.field, matchType: r.matchType, pattern: r.pattern, priority: r.priority, team: r.team.slug, createdAt: r.createdAt };
}

/** A cheap fingerprint of the rules, to know when a cached copy is stale. */
export async function ownershipRulesVersion(): Promise<string> {
  const agg = await (await db()).ownershipRule.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
}
