import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { expect, test } from "./fixtures";

test("health reports the embedded engine, the metadata database and migration versions, without signing in", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.event_store.engine).toMatch(/^chDB \d+\.\d+\.\d+ \(embedded\)$/);
  // Every migration file, applied in order.
  const files = readdirSync("lib/clickhouse/migrations").filter((f) => f.endsWith(".sql")).sort().map((f) => f.replace(/\.sql$/, ""));
  expect(files.slice(0, 5)).toEqual(["0001_usage_events", "0002_usage_hourly", "0003_rewrite_staging", "0004_retry_ledger", "0005_usage_daily"]);
  expect(body.event_store.migrations).toEqual(files);
  expect(body.metadata_db.kind).toBe("sqlite");
  expect(body.metadata_db.migrations.length).toBeGreaterThan(0);
});

test("a second npm start on the same data fails with a message saying what holds it", () => {
  const second = spawnSync(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, PORT: "1", TOKENLEDGER_DATA_DIR: process.env.E2E_DATA_DIR },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(second.status).toBe(1);
  expect(second.stderr).toContain("is in use by the TokenLedger server");
  expect(second.stderr).toContain(`serving http://localhost:${process.env.E2E_PORT}`);
  expect(second.stderr).not.toMatch(/\n\s+at /);
});

test("bad parameters get the one error shape", async ({ request }) => {
  const res = await request.get("/api/v1/overview?from=2026-01-02&to=2026-01-01&stack=nope");
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.code).toBe("bad_request");
  expect(body.error.issues.fieldErrors.stack[0]).toMatch(/team/);
  const range = await request.get("/api/v1/summary?from=2026-01-02&to=2026-01-01");
  expect((await range.json()).error.issues.fieldErrors.to[0]).toBe("must be after from");
});
