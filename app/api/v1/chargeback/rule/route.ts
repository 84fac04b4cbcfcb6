import { chargebackCall } from "@/lib/api/chargeback-errors";
import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { choosePeriodRule } from "@/lib/finops/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** PUT /api/v1/chargeback/rule {"period", "rule", "percentages"?}: the allocation rule of an open period; audited. */
export const PUT = route(chargeback.setChargebackRule, ({ body, auth }) =>
  chargebackCall(() => choosePeriodRule(body.period, body.rule, body.percentages, actorOfPrincipal(auth.principal))),
);
