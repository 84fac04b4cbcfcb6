import { actorOfPrincipal } from "@/lib/auth/principal";
import { importLitellm } from "@/lib/admin/price-book";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Imports LiteLLM's model price JSON ({ litellm: <file contents>, validFrom: "YYYY-MM-DD" }). */
export const POST = route(admin.importLitellmPrices, ({ body, auth }) => importLitellm(body.litellm, body.validFrom, actorOfPrincipal(auth.principal)));
