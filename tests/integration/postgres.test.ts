import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The metadata path on a real PostgreSQL server (Debian's package; .ci/run installs it): the PostgreSQL
 * migrations apply from zero with `prisma migrate deploy`, and the app's repositories work unchanged.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-pg-"));
chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its data dir
const port = String(55000 + (process.pid % 1000));
const hasPostgres = existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").length > 0;
if (!hasPostgres && process.env.CI) throw new Error("PostgreSQL binaries are missing: .ci/run installs Debian's postgresql package");

describe.skipIf(!hasPostgres)("metadata on PostgreSQL", () => {
  const server = path.join(dir, "pg");
  let url = "";

  afterAll(async () => {
    const { closeDb } = await import("@/lib/db/prisma");
    await closeDb();
    execFileSync("bash", ["bin/pg-test-server.sh", "stop", server], { stdio: "pipe" });
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates from zero and serves the repositories", async () => {
    const out = execFileSync("bash", ["bin/pg-test-server.sh", server, port], { encoding: "utf8" });
    url = out.trim().split("\n").pop()!;
    expect(url).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres`);
    process.env.DATABASE_URL = url;
    process.env.TOKENLEDGER_DATA_DIR = dir;
    const deploy = execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env }, encoding: "utf8" });
    expect(deploy).toMatch(/successfully applied|No pending migrations/);
    const again = execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: { ...process.env }, encoding: "utf8" });
    expect(again).toContain("No pending migrations to apply");

    const { dbInfo } = await import("@/lib/db/prisma");
    const { seedPricesIfEmpty, listPrices } = await import("@/lib/db/price-book");
    const { ensureTeams, listTeams } = await import("@/lib/db/teams");
    // Every migration folder, applied in order (the list grows with the schema).
    const folders = readdirSync(path.join("prisma", "postgres", "migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders.length).toBeGreaterThan(1);
    expect(await dbInfo()).toEqual({ kind: "postgresql", migrations: folders });
    expect(await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"))).toBeGreaterThan(10);
    const gpt41 = (await listPrices()).find((p) => p.model === "gpt-4.1");
    expect(gpt41?.inputPerToken).toBe("0.000002"); // exact decimal string survives the round trip
    await ensureTeams([{ slug: "search", name: "Search" }]);
    expect((await listTeams()).map((t) => t.slug)).toEqual(["search"]);
  });
});
