import { z } from "zod";
import { actorOfPrincipal } from "@/lib/auth/principal";
import { addIngestKey, listIngestKeys } from "@/lib/admin/ingest-keys";
import { route } from "@/lib/api/route";
import { KeyCreate } from "@/lib/schemas/settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ query: z.object({}), auth: { permission: "settings:read" } }, async () => ({ keys: await listIngestKeys() }));

/** Creates an ingest key; the secret is in this response only. */
export const POST = route({ query: z.object({}), auth: { permission: "keys:write" }, body: KeyCreate }, ({ body, auth }) => addIngestKey(body, actorOfPrincipal(auth.principal)));
