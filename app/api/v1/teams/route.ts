import { z } from "zod";
import { actorOf } from "@/lib/admin/actor";
import { addTeam } from "@/lib/admin/teams";
import { route } from "@/lib/api/route";
import { listTeams } from "@/lib/db/teams";
import { TeamCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: "open" }, async () => ({ teams: await listTeams() }));
export const POST = route({ query: z.object({}), auth: "open", body: TeamCreate }, ({ body, request }) => addTeam(body, actorOf(request)));
