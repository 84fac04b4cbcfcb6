import { chQuery } from "@/lib/clickhouse/client";
import { eventCount } from "@/lib/clickhouse/queries/event-count";
import { seedPricesIfEmpty } from "@/lib/db/price-book";
import { createOwnershipRule, listOwnershipRules } from "@/lib/db/ownership-rules";
import { ensureTeams } from "@/lib/db/teams";
import { DEMO_OWNERSHIP_RULES } from "./catalog";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { seedDemoBudgets } from "./demo-budgets";
import { DEMO_TEAMS, generateDemoEvents } from "./generate";

export const DEMO_DAYS = 90;
const CHUNK = 20_000;

/** Seeds the price book (always, when empty) and, when the event store is empty, the demo's teams, events and budgets. */
export async function loadDemoIfEmpty(opts: { seed: number; demo: boolean; now?: Date; days?: number }): Promise<{ prices: number; events: number }> {
  const now = opts.now ?? new Date();
  const prices = await seedPricesIfEmpty(new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1)));
  if (!opts.demo) return { prices, events: 0 };
  const [{ n }] = await chQuery(eventCount, {});
  if (n > 0) return { prices, events: 0 };
  await ensureTeams(DEMO_TEAMS);
  if ((await listOwnershipRules()).length === 0) {
    for (const [i, r] of DEMO_OWNERSHIP_RULES.entries()) await createOwnershipRule({ ...r, priority: (i + 1) * 10, teamSlug: r.team });
  }
  const events = generateDemoEvents({ seed: opts.seed, days: opts.days ?? DEMO_DAYS, end: now });
  let accepted = 0;
  for (let i = 0; i < events.length; i += CHUNK) {
    const result = await ingestEvents(events.slice(i, i + CHUNK), { now });
    if (result.rejected.length) throw new Error(`demo generator produced invalid events: ${JSON.stringify(result.rejected[0])}`);
    accepted += result.accepted;
  }
  await seedDemoBudgets(now);
  return { prices, events: accepted };
}
