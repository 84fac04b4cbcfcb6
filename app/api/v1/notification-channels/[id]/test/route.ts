import { z } from "zod";
import { route } from "@/lib/api/route";
import { testChannel } from "@/lib/alerts/channels";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ query: z.object({}), auth: { permission: "rules:write" } }, ({ params, request }) => testChannel(params.id, new URL(request.url).origin));
