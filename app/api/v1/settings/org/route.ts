import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { getOrgSettings, updateOrgSettings } from "@/lib/admin/org-settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The organisation's calendar: any signed-in user reads it (pages cut periods with it); finance and admin change it. */
export const GET = route(admin.getOrgSettings, () => getOrgSettings());
export const PATCH = route(admin.updateOrgSettings, ({ body, auth }) => updateOrgSettings(body, actorOfPrincipal(auth.principal)));
