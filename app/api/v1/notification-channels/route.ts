import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { alerts } from "@/lib/api/operations/alerts";
import { addChannel, channelsList } from "@/lib/alerts/channels";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(alerts.listChannels, async () => ({ channels: await channelsList() }));
export const POST = route(alerts.createChannel, ({ body, auth }) => addChannel(body, actorOfPrincipal(auth.principal)));
