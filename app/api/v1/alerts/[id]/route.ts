import { z } from "zod";
import { route } from "@/lib/api/route";
import { alertDetail } from "@/lib/alerts/manage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "spend:read" } }, ({ params, auth }) => alertDetail(auth.scope, params.id));
