import { renderChargebackPdf } from "@/components/chargeback/report-pdf";
import { chargebackCall } from "@/lib/api/chargeback-errors";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { exportReport } from "@/lib/finops/chargeback-export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/chargeback/export?period=YYYY-MM&format=csv|focus|pdf[&attribution=…][&team=slug]: a download; audited. */
export const GET = route(chargeback.exportChargeback, ({ query, auth }) =>
  chargebackCall(async () => {
    if (query.team !== undefined && query.format !== "csv") throw new ApiError("bad_request", "team: only the csv format has per-team files");
    const { report, csv, filename } = await exportReport({ ...query, scope: auth.scope, actor: actorOfPrincipal(auth.principal) });
    const disposition = `attachment; filename="${filename}"`;
    if (query.format === "pdf") {
      const pdf = await renderChargebackPdf(report);
      return new Response(new Uint8Array(pdf), { headers: { "content-type": "application/pdf", "content-disposition": disposition } });
    }
    if (csv === null) throw new ApiError("not_found", `No line for team "${query.team}" in ${query.period}`);
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": disposition } });
  }),
);
