import "server-only";
import { recordAudit } from "./audit";
import { db } from "./prisma";

/**
 * The organisation's calendar: the zone and the first day of its months and weeks. Chargeback periods,
 * budget periods and alert days are all cut with it (lib/finops/calendar.ts), so they agree with each other.
 * One row (id 1), created with the defaults on first read.
 */
export type OrgSettings = { timeZone: string; monthStartDay: number; weekStartsOn: number };

export const ORG_DEFAULTS: OrgSettings = { timeZone: "UTC", monthStartDay: 1, weekStartsOn: 1 };

const pick = (r: OrgSettings): OrgSettings => ({ timeZone: r.timeZone, monthStartDay: r.monthStartDay, weekStartsOn: r.weekStartsOn });

export async function getOrgSettings(): Promise<OrgSettings> {
  const row = await (await db()).orgSettings.findUnique({ where: { id: 1 } });
  return row ? pick(row) : { ...ORG_DEFAULTS };
}

/** Saves a validated change (lib/schemas/org-settings.ts) and records it with before and after. */
export async function updateOrgSettings(patch: Partial<OrgSettings>, actor: string): Promise<OrgSettings> {
  const before = await getOrgSettings();
  const after = { ...before, ...patch };
  await (await db()).orgSettings.upsert({ where: { id: 1 }, create: { id: 1, ...after }, update: after });
  await recordAudit({ actor, action: "org_settings.update", entity: "org_settings", entityId: "1", before, after });
  return after;
}
