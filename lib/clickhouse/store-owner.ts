import "server-only";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * chDB locks its data directory per process. We write who holds it next to it, so that a second process
 * (a CLI while the server runs, a second `npm start`) can say *what* holds the store and what to do instead.
 */
export type StoreOwner = { pid: number; role: string; url?: string; startedAt: string };

export class StoreBusyError extends Error {
  readonly code = "store_busy";
}

function ownerFile(chDataDir: string): string {
  return path.join(path.dirname(chDataDir), "clickhouse.owner.json");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process holding the embedded store, if any (stale files from a killed process are ignored). */
export function readStoreOwner(chDataDir: string): StoreOwner | null {
  const file = ownerFile(chDataDir);
  if (!existsSync(file)) return null;
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as StoreOwner;
    return owner.pid !== process.pid && isAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/** A message that says what holds the store and what to do instead. */
export function storeBusyMessage(chDataDir: string, owner: StoreOwner | null): string {
  const who = owner
    ? `${owner.role} (pid ${owner.pid}${owner.url ? `, serving ${owner.url}` : ""}, since ${owner.startedAt})`
    : "another process";
  return [
    `The TokenLedger event store at ${chDataDir} is in use by ${who}.`,
    "The embedded engine (chDB) allows one process per data directory. Either:",
    owner?.url
      ? `  - use the running server's HTTP API (${owner.url}/api/v1/...); or`
      : "  - use the running server's HTTP API; or",
    owner ? `  - stop it first (kill ${owner.pid}); or` : "  - stop that process first; or",
    "  - point this process at another TOKENLEDGER_DATA_DIR.",
  ].join("\n");
}

/** Records this process as the holder; the record is removed when the process exits. */
export function claimStore(chDataDir: string, role: string, url?: string): void {
  const file = ownerFile(chDataDir);
  const owner: StoreOwner = { pid: process.pid, role, url, startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(owner));
  process.once("exit", () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as StoreOwner;
      if (current.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone: nothing to release
    }
  });
}
