import { statSync } from "node:fs";
import { SingleBar, Presets } from "cli-progress";
import { migrate } from "@/lib/clickhouse/migrate";
import { readStoreOwner } from "@/lib/clickhouse/store-owner";
import { addIngestKey, revokeKey } from "@/lib/admin/ingest-keys";
import { env } from "@/lib/env";
import { ingestEvents, type IngestResult } from "@/lib/ingest/ingest-events";
import { readImportFile } from "@/lib/ingest/import-file";
import { Unparseable } from "@/lib/ingest/read-body";

const BATCH = 5_000;

type Summary = { accepted: number; duplicates: number; conflicts: number; rejected: number; firstErrors: string[]; via: string };

/**
 * `cli import FILE`: through the running server's HTTP API when a server holds the embedded store (with a
 * short-lived ingest key created for this run and revoked after), otherwise straight into the store.
 */
export async function importFile(file: string, opts: { key?: string; server?: string; quiet?: boolean }): Promise<Summary> {
  const owner = env().CLICKHOUSE_URL ? null : readStoreOwner(env().clickhouseDataDir);
  const serverUrl = opts.server ?? owner?.url ?? null;
  let tempKey: { id: string; secret: string } | null = null;
  // Straight into the store: a fresh data directory gets its event store schema first.
  if (!serverUrl) await migrate();
  const key = serverUrl ? (opts.key ?? (tempKey = await addIngestKey({ name: `cli import ${new Date().toISOString()}` }, "cli")).secret) : null;
  const summary: Summary = { accepted: 0, duplicates: 0, conflicts: 0, rejected: 0, firstErrors: [], via: serverUrl ? `HTTP API at ${serverUrl}` : "the event store directly" };
  const total = statSync(file).size;
  const bar = opts.quiet ? null : new SingleBar({ format: "importing [{bar}] {percentage}% | {accepted} accepted, {duplicates} duplicate, {rejected} rejected" }, Presets.shades_classic);
  bar?.start(total, 0, { accepted: 0, duplicates: 0, rejected: 0 });
  let offset = 0;
  try {
    for await (const { items, bytes } of readImportFile(file, BATCH)) {
      const result: IngestResult = serverUrl ? await postBatch(serverUrl, key!, items) : await ingestEvents(items);
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      summary.conflicts += result.conflicts?.length ?? 0;
      for (const c of result.conflicts ?? []) {
        if (summary.firstErrors.length < 10) summary.firstErrors.push(`row ${offset + c.index + 1}: event_id ${c.event_id} is already stored with other ${c.fields.join(", ")} (conflict; the stored copy stands)`);
      }
      summary.rejected += result.rejected.length;
      for (const r of result.rejected) {
        if (summary.firstErrors.length < 10) summary.firstErrors.push(`row ${offset + r.index + 1}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
      }
      offset += items.length;
      bar?.update(Math.min(bytes, total), { accepted: summary.accepted, duplicates: summary.duplicates, rejected: summary.rejected });
    }
  } finally {
    bar?.stop();
    if (tempKey) await revokeKey(tempKey.id, "cli");
  }
  return summary;
}

async function postBatch(serverUrl: string, key: string, items: unknown[]): Promise<IngestResult> {
  const body = items.map((i) => (i instanceof Unparseable ? i.raw : JSON.stringify(i))).join("\n");
  const res = await fetch(`${serverUrl}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" },
    body,
  });
  const json = (await res.json()) as IngestResult & { error?: { message: string } };
  if (json.error) throw new Error(`server answered ${res.status}: ${json.error.message}`);
  return json;
}
