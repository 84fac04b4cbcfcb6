import { z } from "zod";
import { chargebackCall } from "@/lib/api/chargeback-errors";
import { route } from "@/lib/api/route";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { choosePeriodRule } from "@/lib/finops/chargeback";
import { RuleBody } from "@/lib/schemas/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** PUT /api/v1/chargeback/rule {"period", "rule", "percentages"?}: the allocation rule of an open period; audited. */
export const PUT = route({ query: z.object({}), auth: { permission: "period:close" }, body: RuleBody }, ({ body, auth }) =>
  chargebackCall(() => choosePeriodRule(body.period, body.rule, body.percentages, actorOfPrincipal(auth.principal))),
);
