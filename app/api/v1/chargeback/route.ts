import { chargebackCall } from "@/lib/api/chargeback-errors";
import { route } from "@/lib/api/route";
import { getChargebackReport } from "@/lib/finops/chargeback";
import { ChargebackQuery } from "@/lib/schemas/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/chargeback?period=YYYY-MM[&rule=…][&attribution=executed|originated]: the period's report (frozen when closed). */
export const GET = route({ query: ChargebackQuery, auth: { permission: "chargeback:read" } }, ({ query, auth }) =>
  chargebackCall(async () => {
    const { usage: _usage, ...report } = await getChargebackReport({ ...query, scope: auth.scope });
    return report;
  }),
);
