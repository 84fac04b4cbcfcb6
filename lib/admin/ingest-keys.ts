import { recordAudit } from "@/lib/db/audit";
import { createIngestKey, revokeIngestKey } from "@/lib/db/ingest-keys";

/** Creates a key (its secret is returned once, never logged). */
export async function addIngestKey(input: { name: string; teamSlug?: string; source?: string; rateLimitPerMinute?: number; allowedTeams?: string[] }, actor: string) {
  const key = await createIngestKey(input);
  await recordAudit({ actor, action: "ingest_key.create", entity: "ingest_key", entityId: key.id, after: { name: input.name, team: input.teamSlug ?? null, rateLimitPerMinute: input.rateLimitPerMinute ?? 600, allowedTeams: input.allowedTeams ?? [], prefix: key.prefix } });
  return key;
}

export async function revokeKey(id: string, actor: string) {
  const revoked = await revokeIngestKey(id);
  if (revoked) await recordAudit({ actor, action: "ingest_key.revoke", entity: "ingest_key", entityId: id });
  return revoked;
}

/** Reads the routes need, from the repository (app/ never imports lib/db). */
export { listIngestKeys } from "@/lib/db/ingest-keys";
