import { chQuery } from "@/lib/clickhouse/client";
import { unpricedMonths } from "@/lib/clickhouse/queries/unpriced-months";
import { monthsWithEvents, rewriteMonth, type StoredRow } from "@/lib/clickhouse/rewrite-month";
import { recordAudit } from "@/lib/db/audit";
import { listIngestKeys } from "@/lib/db/ingest-keys";
import { closedMonths, closedRanges, inClosedRange } from "@/lib/db/periods";
import { getIngestContext } from "@/lib/ingest/ingest-context";
import { attribute, type OwnershipRuleRow } from "./attribution";
import { computeCost } from "./cost";
import { findPrice, ratesOf, type PriceIndex } from "./price-lookup";

/**
 * Explicit, recorded recomputation of stored events in open periods: repricing after a price-book
 * correction, and re-applying ownership rules. Closed periods are never touched.
 */
const tsOf = (row: StoredRow) => new Date(`${row.ts.replace(" ", "T")}Z`);
const n = (v: unknown) => Number(v ?? 0);

/** The row priced again with the price book as it is now. */
export function repriceRow(row: StoredRow, prices: PriceIndex): StoredRow {
  const price = findPrice(prices, { provider: String(row.provider), model: String(row.model), ts: tsOf(row), serviceTier: String(row.service_tier), inputTokens: n(row.input_tokens) });
  if (!price) return { ...row, priced: false, price_id: "", cost_usd: "0.000000000", reasoning_cost_usd: "0.000000000", cache_savings_usd: "0.000000000", cancellation_waste_usd: "0.000000000" };
  const c = computeCost(
    {
      input: n(row.input_tokens),
      cacheRead: n(row.cache_read_tokens),
      cacheWrite: n(row.cache_write_tokens),
      cacheWrite1h: n(row.cache_write_1h_tokens),
      output: n(row.output_tokens),
      reasoning: n(row.reasoning_tokens),
      deliveredOutput: row.delivered_output_tokens === null ? null : n(row.delivered_output_tokens),
      batch: Boolean(row.batch),
      cancelled: row.status === "cancelled",
    },
    ratesOf(price),
  );
  return { ...row, priced: true, price_id: price.id, cost_usd: c.cost, reasoning_cost_usd: c.reasoningCost, cache_savings_usd: c.cacheSavings, cancellation_waste_usd: c.cancellationWaste };
}

/** The row's team decided again by the rules as they are now (a team the event itself named is kept). */
export function reattributeRow(row: StoredRow, rules: readonly OwnershipRuleRow[], keyTeams: ReadonlyMap<string, string | null>): StoredRow {
  if (row.team_source === "event") return row;
  const keyId = String(row.ingest_key_id ?? "");
  const owner = attribute(
    { team: "", repo: String(row.repo), feature: String(row.feature), service: String(row.service), tags: (row.tags ?? {}) as Record<string, string> },
    keyId,
    rules,
    keyTeams.get(keyId) ?? null,
  );
  return { ...row, team: owner.team, team_source: owner.source };
}

export type RecomputeSummary = { months: number[]; skippedClosed: number[]; rows: number; changed: number };

const monthStart = (m: number) => new Date(Date.UTC(Math.floor(m / 100), (m % 100) - 1, 1));
const nextMonth = (m: number) => (m % 100 === 12 ? m + 89 : m + 1);

async function rewriteOpenMonths(transform: (row: StoredRow) => StoredRow, only?: readonly number[]): Promise<RecomputeSummary> {
  const closed = await closedMonths();
  const ranges = await closedRanges();
  const months = only ?? (await monthsWithEvents());
  const summary: RecomputeSummary = { months: [], skippedClosed: [], rows: 0, changed: 0 };
  for (const m of months) {
    // A UTC month wholly inside closed periods is skipped. One that a closed period (cut in the org's zone)
    // covers only in part is rewritten with the rows of the closed period left exactly as they are.
    const whollyClosed = closed.has(m) && ranges.some((r) => r.start <= monthStart(m) && r.end >= monthStart(nextMonth(m)));
    if (whollyClosed) {
      summary.skippedClosed.push(m);
      continue;
    }
    const guarded = closed.has(m) ? (row: StoredRow) => (inClosedRange(ranges, tsOf(row)) ? row : transform(row)) : transform;
    const r = await rewriteMonth(m, guarded);
    summary.months.push(m);
    summary.rows += r.rows;
    summary.changed += r.changed;
  }
  return summary;
}

/** Reprices every event of open periods with the current price book; recorded in the audit log. */
export async function repriceOpenPeriods(actor: string): Promise<RecomputeSummary> {
  const { prices } = await getIngestContext();
  const summary = await rewriteOpenMonths((row) => repriceRow(row, prices));
  await recordAudit({ actor, action: "reprice", entity: "events", after: summary });
  return summary;
}

/**
 * A model's first price applies to its whole history, so the unpriced events of open periods that it now
 * prices are priced by the same recorded reprice, at once (price create and import call this when a
 * (provider, model) gets its first row). Only the months holding unpriced events are rewritten, and in them
 * only unpriced rows change: events already priced keep their price until an explicit reprice.
 */
export async function repriceUnpricedOpenPeriods(actor: string, firstPriced: readonly string[]): Promise<RecomputeSummary> {
  const { prices } = await getIngestContext();
  const months = (await chQuery(unpricedMonths, {})).map((r) => r.m);
  const summary = await rewriteOpenMonths((row) => (row.priced ? row : repriceRow(row, prices)), months);
  await recordAudit({ actor, action: "reprice", entity: "events", after: { reason: `first price of ${firstPriced.join(", ")}`, ...summary } });
  return summary;
}

/** Re-applies ownership rules to every event of open periods; recorded in the audit log. */
export async function reapplyRulesToOpenPeriods(actor: string): Promise<RecomputeSummary> {
  const { rules } = await getIngestContext();
  const keyTeams = new Map((await listIngestKeys()).map((k) => [k.id, k.defaultTeam]));
  const summary = await rewriteOpenMonths((row) => reattributeRow(row, rules, keyTeams));
  await recordAudit({ actor, action: "reapply_rules", entity: "events", after: summary });
  return summary;
}
