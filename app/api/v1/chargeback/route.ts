import { chargebackCall } from "@/lib/api/chargeback-errors";
import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { getChargebackReport } from "@/lib/finops/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/chargeback?period=YYYY-MM[&rule=…][&attribution=executed|originated]: the period's report (frozen when closed). */
export const GET = route(chargeback.getChargebackReport, ({ query, auth }) =>
  chargebackCall(async () => {
    const { usage: _usage, ...report } = await getChargebackReport({ ...query, scope: auth.scope });
    return report;
  }),
);
