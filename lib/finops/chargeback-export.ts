import type { TeamScope } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/db/audit";
import { getChargebackReport, type FullReport } from "./chargeback";
import type { AttributionView } from "./chargeback-attribution";
import { exportFileName } from "./export-name";
import { chargebackCsv, chargebackFocusCsv, chargebackTeamCsv } from "./chargeback-csv";

/**
 * The report behind an export (the same function the page reads, so exported totals equal the page's), the
 * CSV text for csv/focus, and an audit entry: finance exports are what leaves the system.
 */
export type ExportFormat = "csv" | "focus" | "pdf";

export async function exportReport(opts: { period: string; format: ExportFormat; attribution: AttributionView; team?: string; scope: TeamScope; actor: string }): Promise<{ report: FullReport; csv: string | null; filename: string }> {
  const report = await getChargebackReport({ period: opts.period, attribution: opts.attribution, scope: opts.scope, withPrevious: false });
  let csv: string | null = null;
  if (opts.format === "csv") csv = opts.team !== undefined ? chargebackTeamCsv(report, opts.team) : chargebackCsv(report);
  if (opts.format === "focus") csv = chargebackFocusCsv(report);
  // What, the period (its first and last day), the zone, the attribution view and the team: see export-name.ts.
  const what = [report.wording, report.period, ...(opts.format === "focus" ? ["focus"] : []), opts.attribution];
  const filename = exportFileName({ what, from: report.from, to: report.to, tz: report.time_zone, include: opts.team !== undefined ? { team: [opts.team || "unallocated"] } : {}, ext: opts.format === "pdf" ? "pdf" : "csv" });
  await recordAudit({ actor: opts.actor, action: "chargeback.export", entity: "period", entityId: opts.period, after: { format: opts.format, attribution: opts.attribution, team: opts.team ?? null, status: report.status, total_usd: report.total_usd, hash: report.closed?.hash ?? null } });
  return { report, csv, filename };
}
