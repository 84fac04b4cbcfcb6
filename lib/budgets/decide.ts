import Decimal from "decimal.js";
import { InvalidInputError } from "@/lib/errors";
import { computeCost } from "@/lib/finops/cost";
import { findPrice, normalizeName, ratesOf, undatedModel, type PriceIndex, type PriceRow } from "@/lib/finops/price-lookup";
import type { CheckRequest, CheckResponse } from "@/lib/schemas/budget";
import { rowMatches, type DecisionState } from "./check-entry";
import { scopeLabel } from "./model";
import { decideAfter, worst, type Decision } from "./thresholds";

/**
 * The budget decision for one call, before it is dispatched: the call's attribution (its team defaults
 * to the ingest key's team, its ingest key is the caller) matched against every running budget, and its cost
 * (given, or priced from the price book) added to each budget's spend so far. deny when any budget would
 * pass a block threshold; warn when any would reach a notify or require-approval threshold; else allow.
 * Pure over the in-memory state it is given (check.ts in-process, the decision worker of bin/serve.ts from its
 * copy); exact decimals throughout. No storage imports: the worker loads this.
 */
export type Caller = { keyId: string; defaultTeam: string | null };

export function decideCall(req: CheckRequest, caller: Caller, { entries, prices }: DecisionState, now: Date): CheckResponse {
  const cost = req.estimated_cost_usd !== undefined ? new Decimal(req.estimated_cost_usd) : priceCall(req, prices, now);
  const call = {
    team: req.team ?? caller.defaultTeam ?? "",
    repo: req.repo ?? "",
    feature: req.feature ?? "",
    customer: req.customer ?? "",
    work_item: req.work_item ?? "",
    ingest_key_id: caller.keyId,
  };
  let decision: Decision = "allow";
  const budgets: CheckResponse["budgets"] = [];
  for (const e of entries) {
    if (!rowMatches(e.match, call)) continue;
    const d = decideAfter(e.limits, e.spend.plus(cost));
    decision = worst(decision, d.decision);
    budgets.push({ id: e.budget.id, name: e.budget.name, scope: scopeLabel(e.budget), remaining_usd: e.amount.minus(e.spend).toFixed(), threshold: d.threshold });
  }
  return { decision, estimated_cost_usd: cost.toFixed(), budgets };
}

/**
 * The price row of a call named without a provider, as ingest would price it: the model's own rows, else (a
 * dated snapshot such as `claude-sonnet-4-5-20250929`) the undated name's; `provider/model` (LiteLLM's
 * `anthropic/claude-sonnet-4-5`) names the provider in front.
 */
function findModel(prices: PriceIndex, provider: string | undefined, model: string, now: Date, inputTokens: number): PriceRow | null {
  const call = { model, ts: now, serviceTier: "", inputTokens };
  if (provider) return findPrice(prices, { ...call, provider });
  const slash = model.indexOf("/");
  if (slash > 0) {
    const named = findPrice(prices, { ...call, provider: model.slice(0, slash), model: model.slice(slash + 1) });
    if (named) return named;
  }
  const wanted = normalizeName(model);
  const undated = undatedModel(wanted);
  for (const rows of prices.values()) {
    const r = rows[0];
    const name = normalizeName(r.model);
    if (name === wanted || name === undated) {
      const found = findPrice(prices, { ...call, provider: r.provider });
      if (found) return found;
    }
  }
  return null;
}

function priceCall(req: CheckRequest, prices: PriceIndex, now: Date): Decimal {
  const model = req.model ?? "";
  const input = req.input_tokens ?? 0;
  const row = findModel(prices, req.provider, model, now, input);
  if (!row) throw new InvalidInputError(`model: "${req.provider ? `${req.provider}/` : ""}${model}" has no price in the price book; send estimated_cost_usd instead`, { fieldErrors: { model: ["not in the price book"] } });
  const cacheRead = Math.min(req.cache_read_tokens ?? 0, input);
  const usage = { input, cacheRead, cacheWrite: 0, cacheWrite1h: 0, output: req.output_tokens ?? 0, reasoning: 0, deliveredOutput: null, batch: false, cancelled: false };
  return new Decimal(computeCost(usage, ratesOf(row)).cost);
}
