import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { importLitellm } from "@/lib/admin/price-book";
import { route } from "@/lib/api/route";
import { PriceImport } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Imports LiteLLM's model price JSON ({ litellm: <file contents>, validFrom: "YYYY-MM-DD" }). */
export const POST = route({ query: z.object({}), auth: "open", body: PriceImport }, ({ body, request }) => importLitellm(body.litellm, body.validFrom, actorOf(request)));
