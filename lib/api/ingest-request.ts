import type { VerifiedKey } from "@/lib/db/ingest-keys";
import { ingestEvents } from "@/lib/ingest/ingest-events";
import { readEvents } from "@/lib/ingest/read-body";

/**
 * POST /api/v1/events: read the body, ingest, and answer 200 when anything was stored or every event was a
 * duplicate (re-sending a batch is safe); 409 when nothing was stored, none was invalid and some conflict
 * with a stored event of the same event_id; 400 when nothing was stored and some were invalid.
 */
export async function ingestRequest(request: Request, key: VerifiedKey): Promise<Response> {
  const items = await readEvents(request);
  const result = await ingestEvents(items, { source: { keyId: key.id, defaultTeam: key.defaultTeam, allowedTeams: key.allowedTeams } });
  const ok = result.accepted > 0 || (result.duplicates > 0 && result.rejected.length === 0 && result.conflicts.length === 0);
  const status = ok ? 200 : result.rejected.length === 0 && result.conflicts.length > 0 ? 409 : 400;
  return Response.json(result, { status });
}
