import { actorOfPrincipal } from "@/lib/auth/principal";
import { addTeam, listTeams } from "@/lib/admin/teams";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { inScope } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Teams the caller may see (all for admin and finance, their own for leads and viewers). */
export const GET = route(admin.listTeams, async ({ auth }) => ({ teams: (await listTeams()).filter((t) => inScope(auth.scope, t.slug)) }));
export const POST = route(admin.createTeam, ({ body, auth }) => addTeam(body, actorOfPrincipal(auth.principal)));
