import { chargebackCall } from "@/lib/api/chargeback-errors";
import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { closePeriod } from "@/lib/finops/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/chargeback/close {"period"}: freezes the period's report (finance, admin); audited. */
export const POST = route(chargeback.closeChargebackPeriod, ({ body, auth }) =>
  chargebackCall(async () => ({ ...(await closePeriod(body.period, actorOfPrincipal(auth.principal))), status: "closed" as const })),
);
