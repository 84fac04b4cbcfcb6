import { storeInfo } from "@/lib/clickhouse/client";
import { appliedVersions } from "@/lib/clickhouse/migrate";
import { dbInfo } from "@/lib/db/prisma";
import { masked } from "@/lib/env";

export type Health = {
  status: "ok" | "unavailable";
  event_store: { ok: boolean; engine?: string; version?: string; migrations?: string[]; error?: string };
  metadata_db: { ok: boolean; kind?: string; migrations?: string[]; error?: string };
};

const reason = (err: unknown) => masked("error", err instanceof Error ? err.message : String(err));

/** Probes both stores; never throws. */
export async function getHealth(): Promise<Health> {
  const [ch, meta] = await Promise.all([
    (async () => {
      const info = await storeInfo();
      const migrations = await appliedVersions();
      return {
        ok: true,
        engine: info.kind === "embedded" ? `chDB ${info.chdb} (embedded)` : "ClickHouse server",
        version: info.version,
        migrations: migrations.map((m) => `${String(m.version).padStart(4, "0")}_${m.name}`),
      };
    })().catch((err) => ({ ok: false, error: reason(err) })),
    dbInfo()
      .then((info) => ({ ok: true, ...info }))
      .catch((err) => ({ ok: false, error: reason(err) })),
  ]);
  return { status: ch.ok && meta.ok ? "ok" : "unavailable", event_store: ch, metadata_db: meta };
}
