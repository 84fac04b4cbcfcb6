import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

/**
 * Once the API answered 2xx, the events survive a kill -9 of the server right after the response.
 * A second server (own port, own data dir, demo off) is started from the build the suite already made.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tokenledger-kill-"));
const port = Number(process.env.E2E_PORT) + 1;
const base = `http://localhost:${port}`;

function startServer(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, PORT: String(port), TOKENLEDGER_DATA_DIR: dataDir, TOKENLEDGER_DEMO: "off" },
    stdio: "ignore",
  });
}

async function waitHealthy(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

test("accepted events survive kill -9 right after the response", async () => {
  test.setTimeout(120_000);
  let launcher = startServer();
  await waitHealthy();
  const cliHere = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], { env: { ...process.env, TOKENLEDGER_DATA_DIR: dataDir }, encoding: "utf8" }).stdout.trim().split(/\s+/).pop()!;
  const key = { secret: cliHere("keys", "create", "--name", "durability") };
  const reader = cliHere("tokens", "create", "--name", "durability-reader", "--role", "admin");
  const model = `durable-${Date.now()}`;
  const events = Array.from({ length: 500 }, (_, i) => ({ event_id: `kill-${i}`, timestamp: new Date(Date.now() - 60_000).toISOString(), provider: "test", model, input_tokens: 10, output_tokens: 1 }));
  const res = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify(events) });
  expect(res.status).toBe(200);
  expect((await res.json()).accepted).toBe(500);

  // The process that holds the store is the Next server, recorded in the owner file: kill it hard, now.
  const owner = JSON.parse(readFileSync(path.join(dataDir, "clickhouse.owner.json"), "utf8")) as { pid: number };
  process.kill(owner.pid, "SIGKILL");
  await new Promise((r) => (launcher.exitCode !== null ? r(null) : launcher.once("exit", r)));

  launcher = startServer();
  try {
    await waitHealthy();
    const unpriced = await (await fetch(`${base}/api/v1/prices/unpriced`, { headers: { authorization: `Bearer ${reader}` } })).json();
    expect(unpriced.models).toEqual([expect.objectContaining({ provider: "test", model, events: 500 })]);
  } finally {
    launcher.kill("SIGTERM");
    await new Promise((r) => (launcher.exitCode !== null ? r(null) : launcher.once("exit", r)));
  }
});
