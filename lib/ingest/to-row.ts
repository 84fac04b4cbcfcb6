import { computeCost } from "@/lib/finops/cost";
import { findPrice, ratesOf, type PriceIndex } from "@/lib/finops/price-lookup";
import { toStored } from "@/lib/finops/money";
import type { UsageEvent } from "@/lib/schemas/event";

/** The row written to usage_events (column names as in migration 0001). */
export type EventRow = Record<string, unknown> & { event_id: string; ts: string; team: string };

const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** Parses RFC 3339 or epoch milliseconds; returns an error message instead of throwing. */
export function parseTimestamp(value: string | number, now: Date): Date | string {
  const date = typeof value === "number" ? new Date(value) : /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  if (Number.isNaN(date.getTime())) return "is not an RFC 3339 timestamp or epoch milliseconds";
  if (typeof value === "string" && !/^\d+$/.test(value)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))$/i.exec(value);
    if (!m) return "must be RFC 3339 with a time zone (e.g. 2026-01-31T12:00:00Z) or epoch milliseconds";
    // JavaScript's Date rolls impossible dates over (2026-02-30 becomes March 2): check each part instead.
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? "0"].map(Number);
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
      return `${m[1]}-${m[2]}-${m[3]} is not a calendar date`;
    if (hour > 23 || minute > 59 || second > 59 || (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)))
      return `${value} is not a valid time of day or offset`;
  }
  if (date.getTime() > now.getTime() + MAX_FUTURE_MS) return "is more than a day in the future";
  if (date.getUTCFullYear() < 2000) return "is before the year 2000";
  return date;
}

/** ClickHouse DateTime64(3) text form, UTC. */
export function chDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** Prices an event at its timestamp and shapes it as a usage_events row. Unknown models are stored unpriced. */
/** `extra.team` overrides the event's team (attribution decided it). */
export function toEventRow(e: UsageEvent, ts: Date, prices: PriceIndex, extra: { team?: string; team_source?: string; ingest_key_id?: string } = {}): EventRow {
  const price = findPrice(prices, { provider: e.provider, model: e.model, ts, serviceTier: e.service_tier, inputTokens: e.input_tokens });
  const breakdown = price
    ? computeCost(
        {
          input: e.input_tokens,
          cacheRead: e.cache_read_tokens,
          cacheWrite: e.cache_write_tokens,
          cacheWrite1h: e.cache_write_1h_tokens,
          output: e.output_tokens,
          reasoning: e.reasoning_tokens,
          deliveredOutput: e.delivered_output_tokens ?? null,
          batch: e.batch,
          cancelled: e.status === "cancelled",
        },
        ratesOf(price),
      )
    : null;
  return {
    event_id: e.event_id,
    ts: chDateTime(ts),
    provider: e.provider,
    model: e.model,
    batch: e.batch,
    service_tier: e.service_tier,
    latency_ms: e.latency_ms ?? null,
    ttft_ms: e.ttft_ms ?? null,
    input_tokens: e.input_tokens,
    cache_read_tokens: e.cache_read_tokens,
    cache_write_tokens: e.cache_write_tokens,
    cache_write_1h_tokens: e.cache_write_1h_tokens,
    output_tokens: e.output_tokens,
    reasoning_tokens: e.reasoning_tokens,
    delivered_output_tokens: e.delivered_output_tokens ?? null,
    status: e.status,
    error_type: e.error_type,
    request_id: e.request_id,
    attempt: e.attempt,
    team: extra.team ?? e.team,
    team_source: extra.team_source ?? (e.team ? "event" : ""),
    repo: e.repo,
    feature: e.feature,
    environment: e.environment,
    pipeline_stage: e.pipeline_stage,
    service: e.service,
    user: e.user,
    customer: e.customer,
    work_item: e.work_item,
    pull_request: e.pull_request,
    branch: e.branch,
    trigger: e.trigger,
    ingest_key_id: extra.ingest_key_id ?? "",
    trace_id: e.trace_id,
    span_id: e.span_id,
    parent_span_id: e.parent_span_id,
    session_id: e.session_id,
    priced: price !== null,
    price_id: price?.id ?? "",
    cost_usd: breakdown?.cost ?? "0",
    reasoning_cost_usd: breakdown?.reasoningCost ?? "0",
    cache_savings_usd: breakdown?.cacheSavings ?? "0",
    cancellation_waste_usd: breakdown?.cancellationWaste ?? "0",
    reported_cost_usd: e.cost_usd === undefined ? null : toStored(e.cost_usd),
    tags: e.tags,
  };
}
