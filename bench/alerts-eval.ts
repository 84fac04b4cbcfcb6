/**
 * Alert evaluation benchmark on the demo (90 days, default rules, hourly and daily): a cold backfill (every
 * rule over every scope, 90 days scored, fresh process, no cached fits), then one scheduled evaluation (the
 * last 3 days, as the hourly cron runs it), an hour later. Reads rollups only (lib/clickhouse/queries/alert-series).
 * Also lists the alerts raised against the demo's injected incidents (lib/demo/incidents.ts).
 * Data: BENCH_ALERTS_DIR (a data dir already holding the demo, kept between runs) or a fresh temp dir
 * where the demo is generated first (~4 min). Writes bench/results/alerts-eval-latest.json.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const END = new Date("2026-06-15T18:00:00Z");
// A copy of the given demo dir, so that every run starts with no alerts and no cached fits.
const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-bench-alerts-"));
if (process.env.BENCH_ALERTS_DIR) cpSync(process.env.BENCH_ALERTS_DIR, dir, { recursive: true });
const fresh = !existsSync(path.join(dir, "app.db"));
process.env.TOKENLEDGER_DATA_DIR = dir;
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
delete process.env.CLICKHOUSE_URL;
execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env }, stdio: "pipe" });

const { migrate } = await import("../lib/clickhouse/migrate");
await migrate();
if (fresh) {
  const { loadDemoIfEmpty } = await import("../lib/demo/load-demo");
  const t = performance.now();
  const r = await loadDemoIfEmpty({ seed: 7, demo: true, now: END });
  console.log(`demo loaded: ${r.events} events in ${Math.round(performance.now() - t)} ms`);
}
const { ensureDefaultRules } = await import("../lib/alerts/default-rules");
const { evaluateAlerts } = await import("../lib/alerts/evaluate");
const { listAlerts } = await import("../lib/db/alerts");
const { demoIncidentWindows } = await import("../lib/demo/incidents");
await ensureDefaultRules();

const show = (label: string, s: Awaited<ReturnType<typeof evaluateAlerts>>) =>
  console.log(`${label.padEnd(44)} ${s.rules} rules, ${s.series} series, ${s.created} new, ${s.updated} updated: ${s.ms} ms (rollup queries ${s.query_ms} ms, fits and scoring ${s.detect_ms} ms)`);
// The process-wide memo of fits (lib/alerts/series.ts); emptied so each "cold" figure is a fresh server's.
const forgetFits = () => ((globalThis as { __tokenledgerFitCache?: unknown }).__tokenledgerFitCache = undefined);
// 1. The first scheduled run of a freshly started server: the last 3 days, no fit cached yet.
const firstScheduled = await evaluateAlerts({ now: END, lookbackDays: 3, notify: false });
show("scheduled run, fresh server (3 days)", firstScheduled);
// 2. A cold backfill of the whole demo.
forgetFits();
const cold = await evaluateAlerts({ now: END, lookbackDays: 90, notify: false });
show("cold backfill (90 days)", cold);
// 3. The next hourly run, fits of unchanged weeks reused.
const scheduled = await evaluateAlerts({ now: new Date(END.getTime() + 3_600_000), lookbackDays: 3, notify: false });
show("scheduled run, an hour later (3 days)", scheduled);

const alerts = await listAlerts({ all: true });
const incidents = demoIncidentWindows(END);
const { getChange } = await import("../lib/finops/change");
const { changePeriods } = await import("../lib/alerts/links");
// The team that owns each incident's scope (lib/demo/INCIDENTS.md headings).
const TEAM_OF: Record<string, string> = { "cancellation-tax": "support-ai", "reasoning-blowup": "support-ai", "cache-collapse": "growth", "retry-storm": "search", "runaway-agent": "platform" };
const rows: { top_driver: string | null; metric: string; grain: string; scope: string; from: string; to: string; impactUsd: string; incident: string | null }[] = [];
for (const a of alerts) {
  // Right incident = overlapping its window on one of its scopes (a team-wide alert counts for its team's incidents).
  const hit = incidents.find((w) => a.windowStart < new Date(w.end) && a.windowEnd > new Date(w.start) && (Object.entries(w.scope).some(([k, v]) => a.scopeType === k && a.scopeValue === v) || (a.scopeType === "team" && a.scopeValue === TEAM_OF[w.id])));
  const filters = { include: a.scopeType === "org" ? {} : { [a.scopeType]: [a.scopeValue] }, exclude: {} };
  const change = await getChange({ ...changePeriods({ ...a, windowStart: a.windowStart.toISOString(), windowEnd: a.windowEnd.toISOString() }), filters, scope: { all: true } });
  const top = [...change.drivers].sort((x, y) => Number(y.amount_usd) - Number(x.amount_usd))[0]?.id ?? null;
  rows.push({ top_driver: top, metric: a.metric, grain: a.grain, scope: `${a.scopeType}=${a.scopeValue}`, from: a.windowStart.toISOString(), to: a.windowEnd.toISOString(), impactUsd: a.impactUsd, incident: hit?.id ?? null });
}
for (const r of rows) console.log(`${(r.incident ?? "-- false --").padEnd(18)} ${r.metric.padEnd(20)} ${r.grain.padEnd(5)} ${r.scope.padEnd(34)} ${r.from.slice(0, 16)} → ${r.to.slice(0, 16)}  $${r.impactUsd}  top driver ${r.top_driver}`);
const found = incidents.filter((w) => rows.some((r) => r.incident === w.id)).map((w) => w.id);
const summary = { scheduled_fresh_ms: firstScheduled.ms, scheduled_fresh_query_ms: firstScheduled.query_ms, scheduled_fresh_detect_ms: firstScheduled.detect_ms, cold_backfill_ms: cold.ms, cold_backfill_query_ms: cold.query_ms, cold_backfill_detect_ms: cold.detect_ms, scheduled_ms: scheduled.ms, series: cold.series, rules: cold.rules, alerts: rows.length, false_alerts: rows.filter((r) => !r.incident).length, incidents: incidents.length, incidents_alerted: found.length };
console.log(JSON.stringify(summary, null, 2));
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/alerts-eval-latest.json", JSON.stringify({ at: new Date().toISOString(), summary, alerts: rows }, null, 2) + "\n");
const { closeStore } = await import("../lib/clickhouse/client");
await closeStore();
rmSync(dir, { recursive: true, force: true });
