import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { route } from "@/lib/api/route";
import { editChannel, removeChannel } from "@/lib/alerts/channels";
import { ChannelUpdate } from "@/lib/schemas/alerts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PATCH = route({ query: z.object({}), auth: { permission: "rules:write" }, body: ChannelUpdate }, ({ params, body, auth }) => editChannel(params.id, body, actorOfPrincipal(auth.principal)));
export const DELETE = route({ query: z.object({}), auth: { permission: "rules:write" } }, ({ params, auth }) => removeChannel(params.id, actorOfPrincipal(auth.principal)));
