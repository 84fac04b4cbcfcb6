import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { importLitellm } from "@/lib/admin/price-book";
import { route } from "@/lib/api/route";
import { PriceImport } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Imports LiteLLM's model price JSON ({ litellm: <file contents>, validFrom: "YYYY-MM-DD" }). */
export const POST = route({ query: z.object({}), auth: { permission: "prices:write" }, body: PriceImport }, ({ body, auth }) => importLitellm(body.litellm, body.validFrom, actorOfPrincipal(auth.principal)));
