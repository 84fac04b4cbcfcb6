import { Cron } from "croner";
import { ensureDefaultRules } from "./default-rules";
import { evaluateAlerts, type EvaluationSummary } from "./evaluate";

/**
 * In-process schedule (no external cron): every hour at minute 5, once the hour's events have landed, every
 * rule is evaluated over the last three days. `protect: true` skips a tick while the previous run is still
 * going; on-demand runs (POST /api/v1/alerts/evaluate) share the same lock, so two never overlap.
 */
const holder = globalThis as unknown as { __tokenledgerAlertCron?: Cron; __tokenledgerAlertRun?: Promise<EvaluationSummary> };

export async function evaluateNow(opts: Parameters<typeof evaluateAlerts>[0] = {}): Promise<EvaluationSummary> {
  while (holder.__tokenledgerAlertRun) await holder.__tokenledgerAlertRun.catch(() => undefined);
  const run = evaluateAlerts(opts);
  holder.__tokenledgerAlertRun = run;
  try {
    return await run;
  } finally {
    holder.__tokenledgerAlertRun = undefined;
  }
}

export async function startAlertSchedule(log: (line: string) => void, publicUrl?: string): Promise<void> {
  const created = await ensureDefaultRules();
  if (created) log(`[tokenledger] alerts: created ${created} default rules`);
  if (holder.__tokenledgerAlertCron) return;
  holder.__tokenledgerAlertCron = new Cron("5 * * * *", { protect: true, timezone: "UTC", name: "alerts" }, async () => {
    try {
      const s = await evaluateNow({ lookbackDays: 3, publicUrl });
      log(`[tokenledger] alerts: ${s.series} series, ${s.created} new, ${s.updated} updated in ${s.ms} ms`);
    } catch (err) {
      log(`[tokenledger] alerts: evaluation failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
