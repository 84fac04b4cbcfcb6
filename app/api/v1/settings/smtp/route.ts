import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { saveSmtp, smtpOut } from "@/lib/alerts/channels";
import { SmtpSettingsBody } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "settings:read" } }, () => smtpOut());
export const PATCH = route({ query: z.object({}), auth: { permission: "rules:write" }, body: SmtpSettingsBody }, ({ body, auth }) => saveSmtp(body, actorOfPrincipal(auth.principal)));
