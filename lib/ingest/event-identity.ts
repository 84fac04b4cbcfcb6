/**
 * PRODUCT.md event identity: `event_id` alone identifies an event. Two copies of one id are the same event
 * (a duplicate: the first stored copy stands) when they agree on every field below, whatever their
 * timestamps; otherwise they conflict, and the answer names the fields that differ. The fields are what a
 * figure depends on: what ran and its tokens (cost), the outcome, the logical request, and attribution
 * (the team after attribution rules, and every dimension a report groups by). Timestamps, latencies, trace
 * links, tags and the gateway's reported cost are not compared: a re-sent event may be re-stamped.
 */
export const IDENTITY_FIELDS = [
  "provider", "model", "batch", "service_tier",
  "input_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "delivered_output_tokens",
  "status", "request_id", "attempt",
  "team", "repo", "feature", "environment", "pipeline_stage", "service", "user", "customer", "work_item", "pull_request", "branch", "trigger",
] as const;

export type EventConflict = { index: number; event_id: string; fields: string[] };

// Rows built by to-row.ts carry numbers and booleans; rows read back from ClickHouse carry 64-bit integers
// as strings: compare their text.
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * The identity fields on which two copies of one event differ ([] = the same event). The team compared is
 * the one after attribution, except that two copies which name no team themselves and came through the same
 * ingest key are the same sender's same event even when an ownership rule changed in between (that is the
 * rules' business: re-applying them moves the stored copy); through another key, a team that differs is a
 * conflict, so one team's key can never pass for another team's event.
 */
export function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const sameSender = a.team_source !== "event" && b.team_source !== "event" && text(a.ingest_key_id) === text(b.ingest_key_id);
  return IDENTITY_FIELDS.filter((f) => text(a[f]) !== text(b[f]) && !(f === "team" && sameSender));
}

/** Columns a stored copy needs for the comparison. */
export const COMPARED_COLUMNS = [...IDENTITY_FIELDS, "team_source", "ingest_key_id"] as const;
