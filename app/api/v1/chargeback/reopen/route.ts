import { chargebackCall } from "@/lib/api/chargeback-errors";
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { reopenPeriod } from "@/lib/finops/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/chargeback/reopen {"period", "reason"?}: admin only; audited with before and after. */
export const POST = route(chargeback.reopenChargebackPeriod, ({ body, auth }) => {
  if (auth.principal.role !== "admin") throw new ApiError("forbidden", "Reopening a closed period is an admin action");
  return chargebackCall(async () => ({ ...(await reopenPeriod(body.period, actorOfPrincipal(auth.principal), body.reason)), status: "open" as const, hash: null }));
});
