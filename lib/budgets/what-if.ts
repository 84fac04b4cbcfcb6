import Decimal from "decimal.js";
import { InvalidInputError } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import { getOrgSettings } from "@/lib/db/org-settings";
import { listPrices } from "@/lib/db/price-book";
import { computeCost } from "@/lib/finops/cost";
import { buildPriceIndex, findPrice, ratesOf } from "@/lib/finops/price-lookup";
import type { WhatIf } from "@/lib/schemas/budget";
import { visibleBudget } from "./manage";
import { filterOf } from "./model";
import { modelMix } from "./spend";
import { budgetStatus, type BudgetStatus } from "./status";

/**
 * What-if scenarios on a budget's forecast: a price change, volume growth, and moving a share of one
 * model's traffic to another model at that model's prices (the last 28 days' token mix of the moved model,
 * repriced with the price book). They scale the forecast of the remaining days; spend to date is fact.
 */
const MIX_DAYS = 28;

export type WhatIfResult = {
  multiplier: string;
  notes: string[];
  base: { end_usd: string | null; projected_breach_date: string | null };
  scenario: Pick<BudgetStatus, "forecast" | "projected_breach_date" | "status" | "chart">;
  difference_usd: string | null;
};

const nameOf = (r: { provider: string; model: string }) => `${r.provider}/${r.model}`;
const same = (r: { provider: string; model: string }, name: string) => r.model.toLowerCase() === name.toLowerCase() || nameOf(r).toLowerCase() === name.toLowerCase();

export async function whatIf(id: string, s: WhatIf, p: Principal, now = new Date()): Promise<WhatIfResult> {
  const b = await visibleBudget(id, p);
  const cal = await getOrgSettings();
  const notes: string[] = [];
  let m = new Decimal(1).plus(new Decimal(s.price_change_pct).div(100)).times(new Decimal(1).plus(new Decimal(s.volume_growth_pct).div(100)));
  if (s.shift && s.shift.share_pct > 0) {
    const mix = await modelMix(filterOf(b), new Date(now.getTime() - MIX_DAYS * 86_400_000), now);
    const total = mix.reduce((t, r) => t.plus(r.total_cost_usd), new Decimal(0));
    const from = mix.filter((r) => same(r, s.shift!.from_model));
    const fromCost = from.reduce((t, r) => t.plus(r.total_cost_usd), new Decimal(0));
    const prices = buildPriceIndex(await listPrices());
    const target = [...prices.values()].map((rows) => rows[0]).find((r) => same(r, s.shift!.to_model));
    if (!target) throw new InvalidInputError(`shift.to_model: "${s.shift.to_model}" has no price in the price book`, { fieldErrors: { "shift.to_model": ["not in the price book"] } });
    if (fromCost.isZero() || total.isZero()) {
      notes.push(`no spend on ${s.shift.from_model} in this budget's last ${MIX_DAYS} days: moving its traffic changes nothing`);
    } else {
      let toCost = new Decimal(0);
      for (const r of from) {
        const row = findPrice(prices, { provider: target.provider, model: target.model, ts: now, serviceTier: "", inputTokens: r.total_calls ? Math.round(r.total_input / r.total_calls) : 0 });
        if (!row) continue;
        const usage = { input: r.total_input, cacheRead: r.total_cache_read, cacheWrite: r.total_cache_write, cacheWrite1h: 0, output: r.total_output, reasoning: r.total_reasoning, deliveredOutput: null, batch: false, cancelled: false };
        toCost = toCost.plus(computeCost(usage, ratesOf(row)).cost);
      }
      const share = fromCost.div(total);
      const moved = new Decimal(s.shift.share_pct).div(100);
      m = m.times(new Decimal(1).plus(share.times(moved).times(toCost.div(fromCost).minus(1))));
      notes.push(`${nameOf(from[0])} is ${share.times(100).toFixed(1)} % of recent spend; at ${nameOf(target)} prices its traffic would cost ${toCost.div(fromCost).times(100).toFixed(1)} % as much`);
    }
  }
  const base = await budgetStatus(b, { now, cal });
  const scen = await budgetStatus(b, { now, cal, multiplier: Math.max(0, m.toNumber()) });
  return {
    multiplier: m.toDecimalPlaces(6).toFixed(),
    notes,
    base: { end_usd: base.forecast?.end_usd ?? null, projected_breach_date: base.projected_breach_date },
    scenario: { forecast: scen.forecast, projected_breach_date: scen.projected_breach_date, status: scen.status, chart: scen.chart },
    difference_usd: base.forecast && scen.forecast ? new Decimal(scen.forecast.end_usd).minus(base.forecast.end_usd).toFixed(2) : null,
  };
}
