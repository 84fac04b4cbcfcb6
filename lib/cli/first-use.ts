import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { dbInfo } from "@/lib/db/prisma";
import { env, masked } from "@/lib/env";

/**
 * The CLI on a fresh data directory: every command first brings the metadata database (users, keys, price
 * book, audit) up to date with the Prisma migrations, as `npm start` does, instead of failing on a missing
 * table with a stack trace. Checking costs one query; `prisma migrate deploy` runs only when a migration is
 * missing. Where it cannot run (no Prisma CLI, a database that refuses), the error says in one line what to run.
 */
export class SetupError extends Error {}

const root = process.cwd();

function migrationNames(): string[] {
  const dir = path.join(root, "prisma", env().databaseKind === "postgresql" ? "postgres" : "", "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

async function appliedMigrations(): Promise<string[]> {
  try {
    return (await dbInfo()).migrations;
  } catch {
    return []; // no database yet, or no migrations table: everything is pending
  }
}

/** Applies missing metadata migrations; returns how many were applied (0 when up to date). */
export async function ensureMetadataStore(log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const applied = new Set(await appliedMigrations());
  const pending = migrationNames().filter((m) => !applied.has(m));
  if (!pending.length) return 0;
  const e = env();
  const where = masked("DATABASE_URL", e.databaseUrl);
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  const howTo = `run \`npx prisma migrate deploy\` from the TokenLedger folder with the same TOKENLEDGER_DATA_DIR / DATABASE_URL (or start the server once with \`npm start\`)`;
  if (!existsSync(prisma)) throw new SetupError(`The metadata database (${where}) is not set up and the Prisma CLI was not found: ${howTo}.`);
  const result = spawnSync(prisma, ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: e.databaseUrl, TOKENLEDGER_DATA_DIR: e.dataDir }, encoding: "utf8" });
  if (result.status !== 0) {
    const reason = `${result.stderr ?? ""}${result.stdout ?? ""}`.split("\n").map((l) => l.trim()).find((l) => /error/i.test(l)) ?? `exit ${result.status ?? result.signal}`;
    throw new SetupError(`Could not set up the metadata database (${where}): ${reason.slice(0, 200)}. Fix that, then ${howTo}.`);
  }
  log(`[tokenledger] metadata database (${e.databaseKind}): applied ${pending.length} migration${pending.length === 1 ? "" : "s"}`);
  return pending.length;
}
