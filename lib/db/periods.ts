import "server-only";
import { db } from "./prisma";

/** Months (YYYYMM) whose period is closed: their events are frozen (late changes become adjustments). */
export async function closedMonths(): Promise<Set<number>> {
  const rows = await (await db()).period.findMany({ where: { status: "closed" } });
  return new Set(rows.map((p) => p.start.getUTCFullYear() * 100 + p.start.getUTCMonth() + 1));
}
