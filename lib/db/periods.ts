import "server-only";
import { db } from "./prisma";

/**
 * Closed accounting periods, as the recomputations need them. Chargeback periods are cut in the
 * organisation's zone and may start on any day (lib/finops/calendar.ts), while stored events are rewritten
 * per UTC month partition (lib/clickhouse/rewrite-month.ts): a closed period can cover part of a UTC month.
 */
export type ClosedRange = { start: Date; end: Date };

/** The closed periods as half-open [start, end) instants. */
export async function closedRanges(): Promise<ClosedRange[]> {
  const rows = await (await db()).period.findMany({ where: { status: "closed" }, orderBy: { start: "asc" } });
  return rows.map((p) => ({ start: p.start, end: p.end }));
}

const yyyymm = (d: Date) => d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;

/** UTC months (YYYYMM) that hold at least one instant of a closed period: their events are (partly) frozen. */
export async function closedMonths(): Promise<Set<number>> {
  const out = new Set<number>();
  for (const r of await closedRanges()) {
    const last = new Date(r.end.getTime() - 1);
    for (let d = new Date(Date.UTC(r.start.getUTCFullYear(), r.start.getUTCMonth(), 1)); d <= last; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) out.add(yyyymm(d));
  }
  return out;
}

/** Whether an instant falls inside a closed period. */
export function inClosedRange(ranges: readonly ClosedRange[], at: Date): boolean {
  const t = at.getTime();
  return ranges.some((r) => t >= r.start.getTime() && t < r.end.getTime());
}
