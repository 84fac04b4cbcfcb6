import { z } from "zod";
import { route } from "@/lib/api/route";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { getChargebackSettings, updateChargebackSettings } from "@/lib/admin/chargeback-settings";
import { ChargebackSettingsUpdate } from "@/lib/schemas/chargeback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Shared-platform teams and services, evaluation spend, wording and default rule; changes audited. */
export const GET = route({ query: z.object({}), auth: { permission: "chargeback:read" } }, () => getChargebackSettings());
export const PATCH = route({ query: z.object({}), auth: { permission: "period:close" }, body: ChargebackSettingsUpdate }, ({ body, auth }) =>
  updateChargebackSettings(body, actorOfPrincipal(auth.principal)),
);
