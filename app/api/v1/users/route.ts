import { z } from "zod";
import { route } from "@/lib/api/route";
import { addUser, listUsers } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { UserCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "users:write" } }, async () => ({ users: await listUsers() }));

/** Creates a user with the password the admin chose (the CLI can generate one). */
export const POST = route({ query: z.object({}), auth: { permission: "users:write" }, body: UserCreate }, async ({ body, auth }) => (await addUser(body, actorOfPrincipal(auth.principal))).user);
