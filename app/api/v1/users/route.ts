import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";
import { addUser, listUsers } from "@/lib/auth/admin";
import { actorOfPrincipal } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(admin.listUsers, async () => ({ users: await listUsers() }));

/** Creates a user with the password the admin chose (the CLI can generate one). */
export const POST = route(admin.createUser, async ({ body, auth }) => (await addUser(body, actorOfPrincipal(auth.principal))).user);
