import Decimal from "decimal.js";
import type { AlertSeriesRow } from "@/lib/clickhouse/queries/alert-series";
import type { Direction } from "@/lib/anomaly/detect";

/**
 * What each alert metric watches, in which direction a change is bad, what "volume" gates it, and how much
 * money an anomalous bucket put at stake (its impact). Definitions follow PRODUCT.md; README "Alerts" lists them.
 */
import { ALERT_METRICS } from "@/lib/anomaly/sensitivity";
export { ALERT_METRICS };
export type AlertMetric = (typeof ALERT_METRICS)[number];

type MetricDef = {
  label: string;
  unit: "usd" | "ratio";
  direction: Direction;
  /** NaN where the ratio is undefined (nothing in the denominator). */
  value: (r: AlertSeriesRow) => number;
  /** Dollars at stake in a flagged bucket, given the expected value. */
  impact: (r: AlertSeriesRow, expected: number) => Decimal;
  /**
   * The detector's heavy-tail scale (see DetectOptions.heavyTails). For ratios that move with the mix of
   * requests in an hour (one long-context agent session lifts cost per request and reasoning share), whose
   * incidents are regime changes many times the normal: the wider band drops the mix's routine swings and
   * keeps them. Off for sums and for rates whose incidents are a few σ (a cache hit rate from 0.45 to 0.1).
   */
  heavyTails?: boolean;
  /**
   * Quiet buckets an hourly incident may bridge (default 1). Cancellation waste shows in most hours of an
   * incident, not all: bridging 3 makes a 4-day incident one alert whose impact adds up, not fifty below the
   * minimum impact. Spend keeps 1: bridging would glue a routine burst just before an incident onto it.
   */
  bridgeHours?: number;
};

const D = (s: string | number) => new Decimal(s);
const requests = (r: AlertSeriesRow) => r.attempts_n - r.wasted_n;
const pos = (d: Decimal) => Decimal.max(0, d);

// Cost per logical request: a feature's requests suddenly far above their usual cost (agent loops, long contexts).
const REQUEST_COST: MetricDef = {
  label: "Cost per request",
  unit: "usd",
  direction: "up",
  heavyTails: true,
  value: (r) => (requests(r) > 0 ? Number(r.cost_usd) / requests(r) : NaN),
  impact: (r, e) => (requests(r) > 0 ? pos(D(r.cost_usd).minus(D(e.toFixed(9)).times(requests(r)))) : D(0)),
};

export const METRICS: Record<AlertMetric, MetricDef> = {
  spend: { label: "Spend", unit: "usd", direction: "up", value: (r) => Number(r.cost_usd), impact: (r, e) => pos(D(r.cost_usd).minus(D(e.toFixed(9)))) },
  // Spend × the drop of the hit rate: the uncached share of the prompt that used to be cached (an estimate:
  // the rollup has no per-token price to replay the bucket at the expected hit rate).
  cache_hit_rate: {
    label: "Cache hit rate",
    unit: "ratio",
    direction: "down",
    value: (r) => (r.input_n > 0 ? r.cache_read_n / r.input_n : NaN),
    impact: (r, e) => pos(D(r.cost_usd).times(D(Math.max(0, e - r.cache_read_n / Math.max(1, r.input_n)).toFixed(9)))),
  },
  // Attempts per logical request; the money is the retry waste of the bucket (cost of attempts that were not last).
  retry_amplification: {
    label: "Retry amplification",
    unit: "ratio",
    direction: "up",
    value: (r) => (requests(r) > 0 ? r.attempts_n / requests(r) : NaN),
    impact: (r) => pos(D(r.retry_waste_usd)),
  },
  // Reasoning tokens / output tokens; the money is the reasoning cost above the expected share.
  reasoning_share: {
    label: "Reasoning share",
    unit: "ratio",
    direction: "up",
    heavyTails: true,
    value: (r) => (r.output_n > 0 ? r.reasoning_n / r.output_n : NaN),
    impact: (r, e) => {
      const share = r.output_n > 0 ? r.reasoning_n / r.output_n : 0;
      return share > 0 ? pos(D(r.reasoning_cost_usd).times(D(Math.max(0, (share - e) / share).toFixed(9)))) : D(0);
    },
  },
  cancellation_waste: { label: "Cancellation waste", unit: "usd", direction: "up", bridgeHours: 3, value: (r) => Number(r.cancellation_waste_usd), impact: (r, e) => pos(D(r.cancellation_waste_usd).minus(D(e.toFixed(9)))) },
  request_cost: REQUEST_COST,
  // Single requests far above their feature's usual cost (lib/alerts/request-outliers.ts scores the requests;
  // this definition serves the alert's chart: the feature's hourly cost per request).
  request_outlier: { ...REQUEST_COST, label: "Costly requests" },
};

export function isAlertMetric(m: string): m is AlertMetric {
  return (ALERT_METRICS as readonly string[]).includes(m);
}
