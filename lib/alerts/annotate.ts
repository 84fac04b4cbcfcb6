import { classifyIncident } from "@/lib/anomaly/incident-kind";
import { outlyingSeries } from "@/lib/anomaly/outlying-series";
import { chQuery } from "@/lib/clickhouse/client";
import { alertSeriesQuery, type AlertScopeType } from "@/lib/clickhouse/queries/alert-series";
import { METRICS, type AlertMetric } from "./metrics";
import { STEP_MS, type ScoredSeries } from "./series";

/**
 * augurs' changepoint and outlier detectors in the roles they are good at: annotating an alert for the person
 * who reads it (what kind of incident; which sibling scopes are off), never deciding whether it fires (measured
 * as gates on NAB they did not help: README "Alerts"). Run only for alerts being created or updated.
 */
export type Annotation = { incidentKind: "level_shift" | "spike" | ""; shiftAt: Date | null; levelBefore: number | null; levelAfter: number | null; outliers: string };
export type Outliers = { dimension: string; values: string[] };

export const NO_ANNOTATION: Annotation = { incidentKind: "", shiftAt: null, levelBefore: null, levelAfter: null, outliers: "" };

/** Level shift or spike, from the scope's series up to the incident's latest flagged bucket (causal). */
export function classifyScored(series: ScoredSeries, metric: AlertMetric, startIndex: number, endIndex: number, grain: "hour" | "day"): Pick<Annotation, "incidentKind" | "shiftAt" | "levelBefore" | "levelAfter"> {
  const def = METRICS[metric];
  const values = series.rows.map((r) => (r ? def.value(r) : def.unit === "usd" && metric === "spend" ? 0 : NaN));
  const k = classifyIncident({ values, times: series.times, startIndex, endIndex, history: grain === "hour" ? 336 : 56, lead: grain === "hour" ? 168 : 14, minRun: grain === "hour" ? 3 : 2 });
  return k.kind === "level_shift"
    ? { incidentKind: "level_shift", shiftAt: new Date(k.at), levelBefore: k.before, levelAfter: k.after }
    : { incidentKind: "spike", shiftAt: null, levelBefore: null, levelAfter: null };
}

/**
 * The siblings an alert's scope is compared across: its children (the organisation's teams, a team's features,
 * a feature's customers, …), or for a service the organisation's teams (a service usually belongs to one team,
 * so its own split by team has one member; which teams are off across the organisation is the useful question).
 */
export const SIBLINGS: Partial<Record<AlertScopeType, { dimension: AlertScopeType; within: boolean }>> = {
  org: { dimension: "team", within: false },
  team: { dimension: "feature", within: true },
  service: { dimension: "team", within: false },
  feature: { dimension: "customer", within: true },
  repo: { dimension: "feature", within: true },
  model: { dimension: "feature", within: true },
  customer: { dimension: "feature", within: true },
};

const parseBucket = (s: string) => Date.parse(`${s.replace(" ", "T")}Z`);
const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[(s.length >> 1) - 1] + s[s.length >> 1]) / 2) : NaN;
};

/**
 * The children of the alert's scope (at most the 12 with most attempts, each with at least 2 % of them, so a
 * sliver of traffic with a noisy ratio is not "off") over the window plus a baseline (7 days hourly, 28 daily),
 * each as the alert's metric. Named: those augurs' MAD detector marks outlying inside the window and whose
 * in-window median is off on the alert's bad side of the siblings'.
 */
export async function outlyingChildren(a: { metric: AlertMetric; grain: "hour" | "day"; scopeType: AlertScopeType; scopeValue: string; windowStart: Date; windowEnd: Date }): Promise<Outliers | null> {
  const sib = SIBLINGS[a.scopeType];
  if (!sib || a.metric === "request_outlier") return null;
  const child = sib.dimension;
  const def = METRICS[a.metric];
  const step = STEP_MS[a.grain];
  const from = Math.floor((a.windowStart.getTime() - (a.grain === "hour" ? 7 : 28) * 86_400_000) / step) * step;
  const to = Math.ceil(a.windowEnd.getTime() / step) * step;
  const rows = await chQuery(alertSeriesQuery(child, a.grain, sib.within ? a.scopeType : undefined), {
    from: new Date(from).toISOString().slice(0, 19).replace("T", " "),
    to: new Date(to).toISOString().slice(0, 19).replace("T", " "),
    scope_value: "",
    ...(sib.within ? { parent_value: a.scopeValue } : {}),
    scope_all: true,
    scope_teams: [],
  });
  const n = Math.round((to - from) / step);
  const windowFrom = Math.round((a.windowStart.getTime() - from) / step);
  const byChild = new Map<string, { values: number[]; attempts: number }>();
  for (const r of rows) {
    if (r.scope_value === "") continue; // unattributed: no scope to point at
    const c = byChild.get(r.scope_value) ?? { values: Array<number>(n).fill(def.unit === "usd" ? 0 : NaN), attempts: 0 };
    const i = Math.round((parseBucket(r.bucket) - from) / step);
    if (i >= 0 && i < n) c.values[i] = def.value(r);
    c.attempts += r.attempts_n;
    byChild.set(r.scope_value, c);
  }
  const total = [...byChild.values()].reduce((s, c) => s + c.attempts, 0);
  const group = [...byChild.entries()]
    .filter(([, c]) => c.attempts >= 0.02 * total)
    .sort((x, y) => y[1].attempts - x[1].attempts)
    .slice(0, 12)
    // A ratio with no denominator in a bucket is undefined: the child's own median stands in (neutral).
    .map(([name, c]) => {
      const m = median(c.values);
      return { name, values: c.values.map((v) => (Number.isFinite(v) ? v : Number.isFinite(m) ? m : 0)) };
    });
  const marked = new Set(outlyingSeries(group, windowFrom));
  const inWindow = new Map(group.map((s) => [s.name, median(s.values.slice(windowFrom))]));
  const siblings = median([...inWindow.values()]);
  const values = group.filter((s) => marked.has(s.name) && offSide(def.direction, inWindow.get(s.name)!, siblings)).map((s) => s.name);
  return { dimension: child, values };
}

const offSide = (d: "up" | "down" | "both", v: number, siblings: number) => (d === "up" ? v > siblings : d === "down" ? v < siblings : v !== siblings);

export function parseOutliers(s: string): Outliers | null {
  if (!s) return null;
  try {
    const o = JSON.parse(s) as Outliers;
    return typeof o.dimension === "string" && Array.isArray(o.values) ? { dimension: o.dimension, values: o.values.filter((v) => typeof v === "string") } : null;
  } catch {
    return null;
  }
}
