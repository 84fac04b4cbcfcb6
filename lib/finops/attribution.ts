/**
 * Ownership rules fill in a missing team at ingest (and when re-applied to open periods).
 * Order: the event's own team; else the first matching rule by priority (lower first, then oldest);
 * else the ingest key's default team; else unattributed ("").
 */
export type OwnershipRuleRow = { id: string; field: string; matchType: string; pattern: string; priority: number; team: string; createdAt: Date };
export type Attributable = { team: string; repo: string; feature: string; service: string; tags: Record<string, string> };
export type Attribution = { team: string; source: string };

function fieldValue(e: Attributable, keyId: string, field: string): string | undefined {
  if (field.startsWith("tag:")) {
    // Own string values only: a rule on tag:constructor must not read Object.prototype.
    const name = field.slice(4);
    const v = Object.hasOwn(e.tags, name) ? e.tags[name] : undefined;
    return typeof v === "string" ? v : undefined;
  }
  switch (field) {
    case "repo":
      return e.repo;
    case "feature":
      return e.feature;
    case "service":
      return e.service;
    case "ingest_key":
      return keyId;
    default:
      return undefined;
  }
}

export function sortRules<T extends OwnershipRuleRow>(rules: readonly T[]): T[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime());
}

/** Decides an event's team. `rules` must be sorted with sortRules. */
export function attribute(e: Attributable, keyId: string, rules: readonly OwnershipRuleRow[], keyDefaultTeam: string | null): Attribution {
  if (e.team) return { team: e.team, source: "event" };
  for (const r of rules) {
    const v = fieldValue(e, keyId, r.field);
    if (!v) continue;
    if (r.matchType === "prefix" ? v.startsWith(r.pattern) : v === r.pattern) return { team: r.team, source: `rule:${r.id}` };
  }
  if (keyDefaultTeam) return { team: keyDefaultTeam, source: "key" };
  return { team: "", source: "" };
}
