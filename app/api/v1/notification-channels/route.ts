import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { addChannel, channelsList } from "@/lib/alerts/channels";
import { ChannelCreate } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "settings:read" } }, async () => ({ channels: await channelsList() }));
export const POST = route({ query: z.object({}), auth: { permission: "rules:write" }, body: ChannelCreate }, ({ body, auth }) => addChannel(body, actorOfPrincipal(auth.principal)));
