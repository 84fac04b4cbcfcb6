import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

/** The CLI while the server holds the embedded store: metadata commands work, imports go through the API. */
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], {
    env: { ...process.env, TOKENLEDGER_DATA_DIR: process.env.E2E_DATA_DIR },
    encoding: "utf8",
    timeout: 120_000,
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), "tokenledger-cli-"));

test("keys create prints a working ingest key as the last word", async ({ request }) => {
  const out = cli("keys", "create", "--name", "cli-e2e", "--team", "platform");
  expect(out.status, out.stderr).toBe(0);
  const key = out.stdout.trim().split(/\s+/).pop()!;
  expect(key).toMatch(/^tlk_/);
  const res = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: [{ event_id: `cli-key-${Date.now()}`, timestamp: new Date().toISOString(), provider: "openai", model: "gpt-4.1", input_tokens: 1, output_tokens: 1 }],
  });
  expect(res.status()).toBe(200);
  // Audited like a key made in Settings, with the CLI as the actor.
  const audit = (await (await request.get("/api/v1/audit?limit=50")).json()) as { entries: { actor: string; action: string; after: unknown }[] };
  expect(audit.entries.find((e) => e.action === "ingest_key.create" && String(e.after).includes("cli-e2e"))?.actor).toBe("cli");
});

test("import sends NDJSON and CSV through the running server, with a summary naming bad rows", async ({ request }) => {
  const model = `cli-import-${Date.now()}`;
  const ndjson = path.join(tmp, "events.ndjson");
  const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ event_id: `${model}-${i}`, timestamp: new Date(Date.now() - 3_600_000).toISOString(), provider: "cli", model, input_tokens: 100, output_tokens: 10 }));
  writeFileSync(ndjson, [...rows, "{broken", JSON.stringify({ event_id: `${model}-bad`, timestamp: new Date().toISOString(), provider: "cli", model, input_tokens: -1, output_tokens: 1 })].join("\n"));
  const first = cli("import", ndjson);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toContain(`imported via HTTP API at http://localhost:${process.env.E2E_PORT}: 12 accepted, 0 duplicate, 0 conflicting, 2 rejected`);
  expect(first.stdout).toMatch(/row 13: \(event\): not valid JSON/);
  expect(first.stdout).toMatch(/row 14: input_tokens: must not be negative/);
  const again = cli("import", ndjson);
  expect(again.stdout).toContain("0 accepted, 12 duplicate, 0 conflicting, 2 rejected");

  const csv = path.join(tmp, "events.csv");
  writeFileSync(csv, `event_id,timestamp,provider,model,input_tokens,output_tokens,team,tag.ticket\n${model}-csv-1,${new Date(Date.now() - 60_000).toISOString()},cli,${model},50,5,search,"T-1, urgent"\n`);
  const fromCsv = cli("import", csv);
  expect(fromCsv.stdout).toContain("1 accepted, 0 duplicate, 0 conflicting, 0 rejected");

  const unpriced = await (await request.get("/api/v1/prices/unpriced")).json();
  expect(unpriced.models).toContainEqual(expect.objectContaining({ provider: "cli", model, events: 13 }));
  // The one-off key used for the import was revoked afterwards.
  const keys = await (await request.get("/api/v1/ingest-keys")).json();
  const importKeys = keys.keys.filter((k: { name: string }) => k.name.startsWith("cli import"));
  expect(importKeys.length).toBeGreaterThan(0);
  expect(importKeys.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);
});

test("prices import while the server runs: the next events are priced with them", async ({ request }) => {
  const model = `litellm-e2e-${Date.now()}`;
  const file = path.join(tmp, "prices.json");
  writeFileSync(file, JSON.stringify({ [model]: { litellm_provider: "openai", mode: "chat", input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 } }));
  const out = cli("prices", "import", file, "--valid-from", "2020-01-01");
  expect(out.status, out.stderr).toBe(0);
  expect(out.stdout).toContain("prices: 1 new, 0 replaced, 0 unchanged");
  const key = cli("keys", "create", "--name", "price-check").stdout.trim().split(/\s+/).pop()!;
  await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: [{ event_id: `${model}-1`, timestamp: new Date().toISOString(), provider: "openai", model, input_tokens: 1_000_000, output_tokens: 0 }],
  });
  const unpriced = await (await request.get("/api/v1/prices/unpriced")).json();
  expect(unpriced.models.map((m: { model: string }) => m.model)).not.toContain(model);
  const prices = await (await request.get("/api/v1/prices")).json();
  expect(prices.prices).toContainEqual(expect.objectContaining({ model, inputPerToken: "0.000001" }));
});
