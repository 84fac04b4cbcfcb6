import { defaultOptions, detect, SENSITIVITY_THRESHOLDS, type Fit, type PointVerdict, type Sensitivity } from "@/lib/anomaly/detect";
import { chQuery } from "@/lib/clickhouse/client";
import { alertSeriesQuery, type AlertScopeType, type AlertSeriesRow } from "@/lib/clickhouse/queries/alert-series";
import { METRICS, type AlertMetric } from "./metrics";

/** One rule's series, fetched from the rollups and scored by the causal detector. */
export type RuleSpec = { metric: AlertMetric; scopeType: AlertScopeType; scopeValue: string; grain: "hour" | "day"; sensitivity: Sensitivity; minVolume: number };

export const STEP_MS = { hour: 3_600_000, day: 86_400_000 } as const;

export type ScoredSeries = {
  scopeValue: string;
  times: number[];
  rows: (AlertSeriesRow | null)[];
  verdicts: (PointVerdict | null)[];
  teams: Set<string>;
};

/** Fits reused across evaluations, per rule series (see DetectOptions.fitCache). Indexes are block-aligned to the epoch. */
const holder = globalThis as unknown as { __tokenledgerFitCache?: Map<string, Map<string, Fit>> };
function fitCacheFor(key: string): Map<string, Fit> {
  holder.__tokenledgerFitCache ??= new Map();
  let m = holder.__tokenledgerFitCache.get(key);
  if (!m) {
    if (holder.__tokenledgerFitCache.size > 5_000) holder.__tokenledgerFitCache.clear();
    m = new Map();
    holder.__tokenledgerFitCache.set(key, m);
  }
  return m;
}

const parseBucket = (s: string) => Date.parse(`${s.replace(" ", "T")}Z`);

/**
 * Scores every series of a rule over [scoreFrom, to). The fetch starts a training length earlier, aligned to
 * whole refit blocks since the epoch, so a bucket is always scored by the same fit whatever the run's time.
 */
export async function scoreRule(rule: RuleSpec, scoreFrom: number, to: number, timing?: { queryMs: number; detectMs: number }): Promise<ScoredSeries[]> {
  const step = STEP_MS[rule.grain];
  const def = METRICS[rule.metric];
  const opts = defaultOptions(step, SENSITIVITY_THRESHOLDS[rule.sensitivity], def.direction);
  const blockMs = opts.blockLength * step;
  const from = Math.floor((scoreFrom - opts.trainLength * step) / blockMs) * blockMs;
  const q0 = performance.now();
  const rows = await chQuery(alertSeriesQuery(rule.scopeType, rule.grain), {
    from: new Date(from).toISOString().slice(0, 19).replace("T", " "),
    to: new Date(to).toISOString().slice(0, 19).replace("T", " "),
    scope_value: rule.scopeValue,
    scope_all: true,
    scope_teams: [],
  });
  const d0 = performance.now();
  if (timing) timing.queryMs += d0 - q0;
  const bySeries = new Map<string, AlertSeriesRow[]>();
  for (const r of rows) {
    const list = bySeries.get(r.scope_value) ?? [];
    list.push(r);
    bySeries.set(r.scope_value, list);
  }
  const n = Math.max(0, Math.round((to - from) / step));
  const times = Array.from({ length: n }, (_, i) => from + i * step);
  const out: ScoredSeries[] = [];
  for (const [scopeValue, list] of bySeries) {
    if (rule.scopeType !== "org" && scopeValue === "") continue; // unattributed/unknown: no scope to alert on
    const dense: (AlertSeriesRow | null)[] = Array(n).fill(null);
    const teams = new Set<string>();
    for (const r of list) {
      const i = Math.round((parseBucket(r.bucket) - from) / step);
      if (i >= 0 && i < n) dense[i] = r;
      for (const t of r.teams) teams.add(t);
    }
    // A bucket with no usage: spend-like metrics are a real 0, ratios are undefined.
    // Before the series' first usage there is no history (a new feature, the start of the data), not zeros.
    const first = dense.findIndex((r) => r !== null);
    const values = dense.map((r, i) => (r ? def.value(r) : i > first && def.unit === "usd" && rule.metric !== "request_cost" ? 0 : NaN));
    const volume = dense.map((r) => r?.attempts_n ?? 0);
    // The cache key names the series and where its index 0 is, so a block index means the same bucket.
    const fitCache = fitCacheFor(`${rule.metric}|${rule.grain}|${rule.scopeType}=${scopeValue}|${rule.minVolume}|${from}`);
    const verdicts = detect(values, { ...opts, fitCache, volume, minVolume: rule.minVolume, heavyTails: def.heavyTails ?? false, trainOnThin: def.unit === "usd" && rule.metric !== "request_cost", scoreFrom: Math.max(0, Math.round((scoreFrom - from) / step)) });
    out.push({ scopeValue, times, rows: dense, verdicts, teams });
  }
  if (timing) timing.detectMs += performance.now() - d0;
  return out;
}
