import { z } from "zod";
import { route } from "@/lib/api/route";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { getOrgSettings, updateOrgSettings } from "@/lib/admin/org-settings";
import { OrgSettingsUpdate } from "@/lib/schemas/org-settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The organisation's calendar: any signed-in user reads it (pages cut periods with it); finance and admin change it. */
export const GET = route({ query: z.object({}), auth: "signed-in" }, () => getOrgSettings());
export const PATCH = route({ query: z.object({}), auth: { permission: "period:close" }, body: OrgSettingsUpdate }, ({ body, auth }) => updateOrgSettings(body, actorOfPrincipal(auth.principal)));
