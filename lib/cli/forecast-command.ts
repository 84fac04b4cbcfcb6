import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { InvalidInputError } from "@/lib/errors";
import { forecast, type Frequency } from "@/lib/forecast/forecast";

/**
 * `npm run cli -- forecast --horizon N [--input FILE] [--season K]`: CSV `timestamp,value` (stdin by default)
 * → JSON {model, point, lower80, upper80, lower95, upper95}. The frequency is the median spacing of the
 * timestamps (hourly or daily); gaps in the series are filled with 0 (no spend that hour/day). No store.
 */
export function inferFrequency(times: readonly number[]): Frequency {
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  if (Math.abs(median - 3_600_000) < 60_000) return "hourly";
  if (Math.abs(median - 86_400_000) < 3_600_000 * 2) return "daily";
  throw new InvalidInputError(`the timestamps are ${Math.round(median / 60_000)} minutes apart: forecast takes hourly or daily series`);
}

export function forecastCsv(csv: string, opts: { horizon: number; season?: number }) {
  if (!Number.isInteger(opts.horizon) || opts.horizon < 1 || opts.horizon > 10_000) throw new InvalidInputError("--horizon must be a whole number from 1 to 10000");
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  if (rows.length < 2 || !("timestamp" in rows[0]) || !("value" in rows[0])) throw new InvalidInputError("input must be CSV with header timestamp,value and at least two rows");
  const points = rows.map((r, i) => {
    const t = /^\d+$/.test(r.timestamp) ? Number(r.timestamp) : Date.parse(r.timestamp.includes("T") || r.timestamp.includes("Z") ? r.timestamp : r.timestamp.replace(" ", "T") + "Z");
    const v = Number(r.value);
    if (!Number.isFinite(t)) throw new InvalidInputError(`row ${i + 2}: timestamp "${r.timestamp}" is not a date`);
    if (!Number.isFinite(v)) throw new InvalidInputError(`row ${i + 2}: value "${r.value}" is not a number`);
    return { t, v };
  }).sort((a, b) => a.t - b.t);
  const frequency = inferFrequency(points.map((p) => p.t));
  const step = frequency === "hourly" ? 3_600_000 : 86_400_000;
  const values: number[] = [];
  const byBucket = new Map(points.map((p) => [Math.round((p.t - points[0].t) / step), p.v]));
  const last = Math.round((points[points.length - 1].t - points[0].t) / step);
  for (let i = 0; i <= last; i++) values.push(byBucket.get(i) ?? 0);
  const f = forecast({ values, frequency, season: opts.season }, opts.horizon);
  return { model: f.model, frequency, point: f.point, lower80: f.lower80, upper80: f.upper80, lower95: f.lower95, upper95: f.upper95 };
}

export function forecastCommand(opts: { horizon: string; input?: string; season?: string }): string {
  const csv = readFileSync(opts.input ?? 0, "utf8");
  return JSON.stringify(forecastCsv(csv, { horizon: Number(opts.horizon), season: opts.season ? Number(opts.season) : undefined }));
}
