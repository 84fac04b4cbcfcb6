import "server-only";
import { Money } from "@/lib/finops/money";
import { chQuery } from "./client";
import { dailyByMonth, eventsByMonth, hourlyByMonth, ledgerByMonth } from "./queries/month-totals";
import { expectedLedgerMonth } from "./queries/retry-ledger";
import { rebuildRetryMonth } from "./retry-ledger";
import { rewriteMonth } from "./rewrite-month";

/**
 * Checks, month by month, that both rollups hold exactly the raw events' attempts and cost and that the
 * retry ledger holds exactly the wasted attempts the raw events imply; with `repair`, rebuilds what
 * differs (rollups through an atomic month rewrite, which also rebuilds the ledger; a ledger alone through
 * its own rebuild). A month rewrite whose second REPLACE PARTITION failed is the way a rollup goes stale.
 */
export type MonthCheck = { month: number; events: number; cost_usd: string; problems: string[]; repaired: boolean };

type Totals = { n: number; cost: string };
const same = (a: Totals | undefined, b: Totals | undefined) =>
  (a?.n ?? 0) === (b?.n ?? 0) && new Money(a?.cost ?? "0").eq(b?.cost ?? "0");
const show = (t: Totals | undefined) => `${t?.n ?? 0} attempts, $${new Money(t?.cost ?? "0").toFixed()}`;

export async function verifyStore(opts: { repair?: boolean } = {}): Promise<MonthCheck[]> {
  const byMonth = async (def: typeof eventsByMonth) => new Map((await chQuery(def, {})).map((r) => [r.m, { n: r.n, cost: r.cost }]));
  const [events, hourly, daily, ledger] = await Promise.all([byMonth(eventsByMonth), byMonth(hourlyByMonth), byMonth(dailyByMonth), byMonth(ledgerByMonth)]);
  const months = [...new Set([...events.keys(), ...hourly.keys(), ...daily.keys(), ...ledger.keys()])].sort((a, b) => a - b);
  const out: MonthCheck[] = [];
  for (const month of months) {
    const raw = events.get(month);
    const problems: string[] = [];
    if (!same(hourly.get(month), raw)) problems.push(`hourly rollup has ${show(hourly.get(month))}, events ${show(raw)}`);
    if (!same(daily.get(month), raw)) problems.push(`daily rollup has ${show(daily.get(month))}, events ${show(raw)}`);
    const [expected] = await chQuery(expectedLedgerMonth, { months: [month] });
    const ledgerOff = !same(ledger.get(month), expected);
    if (ledgerOff) problems.push(`retry ledger has ${show(ledger.get(month))}, events imply ${show(expected)}`);
    let repaired = false;
    if (opts.repair && problems.length) {
      if (problems.length > (ledgerOff ? 1 : 0)) await rewriteMonth(month, (row) => row, { force: true });
      else await rebuildRetryMonth(month);
      repaired = true;
    }
    out.push({ month, events: raw?.n ?? 0, cost_usd: new Money(raw?.cost ?? "0").toFixed(9), problems, repaired });
  }
  return out;
}
