import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { readEvents } from "@/lib/ingest/read-body";

/** POST /api/v1/events: read the body, ingest, answer 200 when anything was stored or all were duplicates. */
export async function ingestRequest(request: Request, key: VerifiedKey): Promise<Response> {
  const items = await readEvents(request);
  const result = await ingestEvents(items, { source: { keyId: key.id, defaultTeam: key.defaultTeam, allowedTeams: key.allowedTeams } });
  const ok = result.accepted > 0 || (result.duplicates > 0 && result.rejected.length === 0);
  return Response.json(result, { status: ok ? 200 : 400 });
}
