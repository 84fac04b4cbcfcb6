import { z } from "zod";
import { route } from "@/lib/api/route";
import { addApiToken, listApiTokens } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { TokenCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "tokens:write" } }, async () => ({ tokens: await listApiTokens() }));

/** Creates an API token (role + team scope); the secret is in this response only. */
export const POST = route({ query: z.object({}), auth: { permission: "tokens:write" }, body: TokenCreate }, ({ body, auth }) => addApiToken(body, actorOfPrincipal(auth.principal)));
