import { z } from "zod";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Who is calling, with role and team scope. */
export const GET = route({ query: z.object({}), auth: "signed-in" }, async ({ auth }) => ({ principal: auth.principal, scope: auth.scope }));
