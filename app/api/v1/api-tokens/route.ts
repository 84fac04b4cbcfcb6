import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { addApiToken, listApiTokens } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(admin.listApiTokens, async () => ({ tokens: await listApiTokens() }));

/** Creates an API token (role + team scope); the secret is in this response only. */
export const POST = route(admin.createApiToken, ({ body, auth }) => addApiToken(body, actorOfPrincipal(auth.principal)));
