import { actorOfPrincipal } from "@/lib/auth/principal";
import { addIngestKey, listIngestKeys } from "@/lib/admin/ingest-keys";
import { route } from "@/lib/api/route";
import { admin } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(admin.listIngestKeys, async () => ({ keys: await listIngestKeys() }));

/** Creates an ingest key; the secret is in this response only. */
export const POST = route(admin.createIngestKey, ({ body, auth }) => addIngestKey(body, actorOfPrincipal(auth.principal)));
