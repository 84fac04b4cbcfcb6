import { chQuery } from "@/lib/clickhouse/client";
import { chargebackLateEvents } from "@/lib/clickhouse/queries/chargeback-late-events";
import { chargebackSpend } from "@/lib/clickhouse/queries/chargeback-spend";
import { chargebackTracedEvents } from "@/lib/clickhouse/queries/chargeback-traced-events";
import { getChargebackSettings, type StoredChargebackSettings } from "@/lib/db/chargeback";
import { listTeams } from "@/lib/db/teams";
import type { AllocationRule } from "./allocation";
import { originCorrections, type AttributionView } from "./chargeback-attribution";
import { buildReportCore, type ChargebackSettings, type ReportCore, type SpendRow } from "./chargeback-report";
import { usageLines, type UsageLine } from "./chargeback-usage";
import { chDateTime } from "@/lib/ingest/to-row";

/**
 * Live figures of a period, straight from the stored events: the spend rows (traced calls charged by the
 * chosen attribution), and the report core and usage lines built from them. Used for open periods, for
 * closing one, and to compare a closed period's frozen lines with what its events say now (adjustments).
 */
export type Range = { start: Date; end: Date; timeZone: string };
export type LiveView = { core: ReportCore; usage: UsageLine[] };
export type Context = { settings: ChargebackSettings & { defaultRule: AllocationRule }; teams: Map<string, string> };


export async function loadContext(): Promise<Context> {
  const s: StoredChargebackSettings = await getChargebackSettings();
  const teams = new Map((await listTeams()).map((t) => [t.slug, t.name]));
  return { settings: s, teams };
}

/**
 * Spend rows of [start, end) in the attributions asked for. The executed view is one grouped query; the
 * originated view adds the moves of cross-team traces (read only when that view is asked for).
 */
export async function spendRows(range: Range, views: readonly AttributionView[] = ["executed"]): Promise<Partial<Record<AttributionView, SpendRow[]>>> {
  const params = { start: chDateTime(range.start), end: chDateTime(range.end), tz: range.timeZone };
  const wantOrigin = views.includes("originated");
  const [executed, traced] = await Promise.all([chQuery(chargebackSpend, params), wantOrigin ? chQuery(chargebackTracedEvents, params) : Promise.resolve([])]);
  return { executed, ...(wantOrigin ? { originated: [...executed, ...originCorrections(traced)] } : {}) };
}

export function liveView(rows: readonly SpendRow[], ctx: Context, rule: AllocationRule, percentages: Record<string, string>): LiveView {
  const core = buildReportCore({ rows, settings: ctx.settings, rule, percentages, teams: ctx.teams });
  return { core, usage: usageLines(rows, core, ctx.settings) };
}

export type LateEvents = { team: string; events: number; first_ts: string; last_ts: string };

/** Events of [start, end) stored after `closedAt`, per team. */
export async function lateEvents(range: Range, closedAt: Date): Promise<LateEvents[]> {
  return chQuery(chargebackLateEvents, { start: chDateTime(range.start), end: chDateTime(range.end), closed_at: chDateTime(closedAt) });
}
