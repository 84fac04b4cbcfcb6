import "server-only";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getStore } from "./client";
import { rebuildWholeRetryLedger } from "./retry-ledger";

/**
 * Versioned ClickHouse schema: lib/clickhouse/migrations/NNNN_name.sql applied in order and recorded in
 * schema_migrations with a checksum. Re-running applies nothing new. A store whose record disagrees with
 * the files (an applied file edited or removed, an unknown version) is refused: applied files are never edited.
 */
export type MigrationFile = { version: number; name: string; checksum: string; statements: string[] };
export type AppliedMigration = { version: number; name: string; checksum: string };
export type MigrationPlan = { applied: AppliedMigration[]; pending: MigrationFile[] };

export class MigrationMismatchError extends Error {
  readonly code = "migration_mismatch";
}

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "clickhouse", "migrations");

/** Splits a file into statements: `;` at the end of a line ends one; `--` comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  const body = sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n");
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads and orders the migration files of a folder. */
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith(".sql")).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file ${file} must be named NNNN_snake_name.sql`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new Error(`Two migration files share version ${match[1]}`);
    seen.add(version);
    const sql = readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8");
    return {
      version,
      name: match[2],
      checksum: createHash("sha256").update(sql).digest("hex"),
      statements: splitStatements(sql),
    };
  });
}

async function ensureTable(): Promise<void> {
  const { client } = await getStore();
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
      (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = MergeTree ORDER BY version`,
  });
}

async function readApplied(): Promise<AppliedMigration[]> {
  const { client } = await getStore();
  const rs = await client.query({
    query: "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
    format: "JSONEachRow",
  });
  return (await rs.json<{ version: number | string; name: string; checksum: string }>()).map((r) => ({
    ...r,
    version: Number(r.version),
  }));
}

/** Compares the store's record with the files; throws MigrationMismatchError on any disagreement. */
export function planMigrations(files: MigrationFile[], applied: AppliedMigration[]): MigrationPlan {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const problems: string[] = [];
  for (const a of applied) {
    const f = byVersion.get(a.version);
    if (!f) problems.push(`version ${a.version} (${a.name}) is recorded in the store but has no file`);
    else if (f.checksum !== a.checksum) problems.push(`version ${a.version} (${a.name}) was edited after it was applied`);
  }
  const appliedVersions = new Set(applied.map((a) => a.version));
  const pending = files.filter((f) => !appliedVersions.has(f.version));
  const lastApplied = Math.max(0, ...applied.map((a) => a.version));
  for (const p of pending) {
    if (p.version < lastApplied) problems.push(`version ${p.version} (${p.name}) is older than applied version ${lastApplied}`);
  }
  if (problems.length) {
    throw new MigrationMismatchError(
      `The event store's recorded migrations differ from lib/clickhouse/migrations:\n  - ${problems.join("\n  - ")}\n` +
        "Applied migrations are never edited: restore the file, or add a new migration instead.",
    );
  }
  return { applied, pending };
}

/**
 * Migrations after which the retry ledger must be rebuilt from the events (it was added, or its rule
 * changed): done here, so `cli migrate`, `cli verify` and the server's start all leave a current ledger.
 */
const REBUILD_LEDGER_AFTER = new Set([4, 6]);

/** Applies pending migrations in order (or, with dryRun, only reports them). */
export async function migrate(opts: { dryRun?: boolean; dir?: string } = {}): Promise<MigrationPlan & { ran: number[] }> {
  await ensureTable();
  const plan = planMigrations(readMigrationFiles(opts.dir), await readApplied());
  const ran: number[] = [];
  if (opts.dryRun) return { ...plan, ran };
  const { client } = await getStore();
  for (const m of plan.pending) {
    for (const statement of m.statements) await client.command({ query: statement });
    await client.insert({
      table: "schema_migrations",
      values: [{ version: m.version, name: m.name, checksum: m.checksum }],
      format: "JSONEachRow",
    });
    ran.push(m.version);
  }
  if (!opts.dir && ran.some((v) => REBUILD_LEDGER_AFTER.has(v))) await rebuildWholeRetryLedger();
  return { ...plan, ran };
}

/** Versions recorded in the store (for /api/health). */
export async function appliedVersions(): Promise<AppliedMigration[]> {
  await ensureTable();
  return readApplied();
}
