import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { addTeam, listTeams } from "@/lib/admin/teams";
import { route } from "@/lib/api/route";
import { inScope } from "@/lib/auth/roles";
import { TeamCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Teams the caller may see (all for admin and finance, their own for leads and viewers). */
export const GET = route({ query: z.object({}), auth: "signed-in" }, async ({ auth }) => ({ teams: (await listTeams()).filter((t) => inScope(auth.scope, t.slug)) }));
export const POST = route({ query: z.object({}), auth: { permission: "teams:write" }, body: TeamCreate }, ({ body, auth }) => addTeam(body, actorOfPrincipal(auth.principal)));
