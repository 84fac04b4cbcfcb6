import { parse } from "csv-parse/sync";
import { defaultOptions, detect, SENSITIVITY_THRESHOLDS, type DetectOptions, type Sensitivity } from "./detect";

/**
 * The CLI's `detect`: CSV `timestamp,value` in, flagged points out. Pure (no store, no clock), so it runs
 * beside a server that holds the event store.
 */
export class SeriesInputError extends Error {}

export type ParsedSeries = { timestamps: string[]; times: number[]; values: number[]; stepMs: number };

/** Timestamps as written in the file; "2014-07-01 00:00:00" without a zone is read as UTC. */
function parseTime(raw: string, line: number): number {
  const s = raw.trim();
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.replace(" ", "T")}Z` : /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
  const t = /^\d{10,13}$/.test(s) ? Number(s) * (s.length === 10 ? 1000 : 1) : Date.parse(iso);
  if (!Number.isFinite(t)) throw new SeriesInputError(`line ${line}: "${raw}" is not a timestamp (use ISO 8601, "YYYY-MM-DD HH:MM:SS" in UTC, or epoch seconds/ms)`);
  return t;
}

export function parseSeriesCsv(text: string): ParsedSeries {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (err) {
    throw new SeriesInputError(`not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!rows.length) throw new SeriesInputError("empty input: expected a header line timestamp,value");
  const header = rows[0].map((h) => h.toLowerCase());
  if (header.length !== 2 || header[0] !== "timestamp" || header[1] !== "value") throw new SeriesInputError(`header must be exactly "timestamp,value" (got "${rows[0].join(",")}")`);
  const timestamps: string[] = [];
  const times: number[] = [];
  const values: number[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const v = r[1] === "" ? NaN : Number(r[1]);
    if (r[1] !== "" && !Number.isFinite(v)) throw new SeriesInputError(`line ${line}: value "${r[1]}" is not a number`);
    timestamps.push(r[0]);
    times.push(parseTime(r[0], line));
    values.push(v);
  });
  if (times.length < 3) throw new SeriesInputError(`need at least 3 points to infer the frequency (got ${times.length})`);
  const stepMs = times[1] - times[0];
  if (stepMs <= 0) throw new SeriesInputError(`line 3: timestamps must increase (${timestamps[0]} then ${timestamps[1]})`);
  for (let i = 2; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    if (d !== stepMs)
      throw new SeriesInputError(
        `irregular series: the step between line ${i + 1} (${timestamps[i - 1]}) and line ${i + 2} (${timestamps[i]}) is ${d / 1000} s, but the first step is ${stepMs / 1000} s. Resample to a regular frequency (write an empty value for a missing point).`,
      );
  }
  return { timestamps, times, values, stepMs };
}

/**
 * What `cli detect` (and bench/anomaly.ts) run: both directions, the heavy-tail scale, and the novelty gate over
 * the last 28 days: a point at 2/3 of the threshold whose value is beyond the four weeks' range (or whose
 * residual is beyond 1.5× every residual of them, once a day of points has been scored), or three points in a
 * row at 1.5× the threshold (a persistent departure; one or two large points the series has shown before are
 * its normal spikes). Sub-daily series get no verdict before three days of history: with two daily cycles, one
 * odd day is half the evidence. These few global settings were chosen on the tuning half of the labelled NAB
 * series (bench/anomaly.ts), never per file; the held-out half checks them.
 */
export function cliOptions(stepMs: number, threshold: number): DetectOptions {
  const lookback = Math.max(1, Math.round((28 * 86_400_000) / stepMs));
  const base = defaultOptions(stepMs, threshold, "both");
  const minHistory = stepMs < 86_400_000 ? Math.min(base.trainLength, Math.max(base.minHistory, Math.round((3 * 86_400_000) / stepMs))) : base.minHistory;
  const day = Math.max(1, Math.round(86_400_000 / stepMs));
  return { ...base, minHistory, heavyTails: true, novelty: { lookback, scoreShare: 2 / 3, bigShare: 1.5, bigRun: 3, memory: day } };
}

export type Flag = { timestamp: string; value: number; expected: number; score: number };

/** Flagged points of a CSV series, both directions (a CSV has no notion of "bad" direction). */
export function detectCsv(text: string, sensitivity: Sensitivity = "medium"): Flag[] {
  const s = parseSeriesCsv(text);
  const opts = cliOptions(s.stepMs, SENSITIVITY_THRESHOLDS[sensitivity]);
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return detect(s.values, opts)
    .filter((v) => v?.flagged)
    .map((v) => ({ timestamp: s.timestamps[v!.index], value: v!.value, expected: round(v!.expected), score: round(v!.score) }));
}
