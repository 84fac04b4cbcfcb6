import { route } from "@/lib/api/route";
import { chargeback } from "@/lib/api/operations/chargeback";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { getChargebackSettings, updateChargebackSettings } from "@/lib/admin/chargeback-settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Shared-platform teams and services, evaluation spend, wording and default rule; changes audited. */
export const GET = route(chargeback.getChargebackSettings, () => getChargebackSettings());
export const PATCH = route(chargeback.updateChargebackSettings, ({ body, auth }) =>
  updateChargebackSettings(body, actorOfPrincipal(auth.principal)),
);
