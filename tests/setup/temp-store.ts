import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A fresh, real store for one test file: a temp data dir (embedded chDB + SQLite file) with the Prisma
 * migrations applied. Call before importing anything that reads env(). Never a mock of our storage.
 */
export function useTempStore(): { dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-test-"));
  process.env.TOKENLEDGER_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  delete process.env.CLICKHOUSE_URL;
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env },
    stdio: "pipe",
  });
  return {
    dir,
    cleanup: async () => {
      const { closeStore } = await import("@/lib/clickhouse/client");
      const { closeDb } = await import("@/lib/db/prisma");
      await closeStore();
      await closeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
