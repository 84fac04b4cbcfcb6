import type Decimal from "decimal.js";
import { apportion, centsToUsd } from "./allocation";
import type { ChargebackSettings, ReportCore, SpendRow } from "./chargeback-report";
import { Money } from "./money";

/**
 * A report's direct cost per team, provider, model and local day: the rows of the FOCUS export. Each team's
 * direct cents are split over its (day, provider, model) cells by the largest-remainder rule of
 * lib/finops/allocation.ts, so a team's usage rows add up to its direct_usd exactly. Pure.
 */
export type UsageLine = { team: string; day: string; provider: string; model: string; amount_usd: string; tokens: number; events: number };

const isDirect = (r: SpendRow, s: ChargebackSettings) =>
  r.team !== "" && !s.sharedTeams.includes(r.team) && !(r.service !== "" && s.sharedServices.includes(r.service)) && !(s.evalToPool && r.environment === "eval");

export function usageLines(rows: readonly SpendRow[], core: ReportCore, settings: ChargebackSettings): UsageLine[] {
  type Cell = { team: string; day: string; provider: string; model: string; exact: Decimal; tokens: number; events: number };
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    if (!isDirect(r, settings)) continue;
    const key = JSON.stringify([r.team, r.day, r.provider, r.model]);
    const c = cells.get(key) ?? { team: r.team, day: r.day, provider: r.provider, model: r.model, exact: new Money(0), tokens: 0, events: 0 };
    c.exact = c.exact.plus(r.cost_usd);
    c.tokens += r.tokens;
    c.events += r.events;
    cells.set(key, c);
  }
  const out: UsageLine[] = [];
  for (const t of core.teams) {
    const mine = [...cells.entries()].filter(([, c]) => c.team === t.team);
    const cents = new Money(t.direct_usd).times(100);
    const split = cents.isZero() || mine.length === 0 ? new Map<string, Decimal>() : apportion(cents, new Map(mine.map(([k, c]) => [k, c.exact] as const)));
    for (const [k, c] of mine) out.push({ team: c.team, day: c.day, provider: c.provider, model: c.model, amount_usd: centsToUsd(split.get(k) ?? 0), tokens: c.tokens, events: c.events });
  }
  return out.sort((a, b) => (a.team + a.day + a.provider + a.model < b.team + b.day + b.provider + b.model ? -1 : 1));
}
