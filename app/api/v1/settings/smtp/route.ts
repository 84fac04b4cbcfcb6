import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { saveSmtp, smtpOut } from "@/lib/alerts/channels";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.getSmtpSettings, () => smtpOut());
export const PATCH = route(alerts.saveSmtpSettings, ({ body, auth }) => saveSmtp(body, actorOfPrincipal(auth.principal)));
