import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * First use: a model's first price applies to its whole history and prices its unpriced events of open
 * periods through the audited reprice (price create, API import and CLI import alike); later prices take
 * effect from their valid_from. And every CLI command works, or says what to run, on an empty data dir.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { chQuery } = await import("@/lib/clickhouse/client");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { savePrice } = await import("@/lib/admin/price-book");
const { importLitellmFile } = await import("@/lib/cli/prices-command");
const { listAudit } = await import("@/lib/db/audit");
const { listPrices } = await import("@/lib/db/price-book");
const { PriceCreate } = await import("@/lib/schemas/settings");

const stored = { name: "t-first", sql: "SELECT event_id, priced, price_id, toString(cost_usd) AS cost FROM usage_events WHERE event_id IN {ids:Array(String)} ORDER BY event_id", row: z.object({ event_id: z.string(), priced: z.coerce.boolean(), price_id: z.string(), cost: z.string() }) };
const price = (validFrom: string, input: string) => PriceCreate.parse({ provider: "Acme", model: "Rocket-1", validFrom, inputPerToken: input, outputPerToken: input });

beforeAll(async () => {
  await migrate();
  const r = await ingestEvents(
    [
      makeUsageEvent({ event_id: "early", timestamp: "2026-03-10T10:00:00Z", provider: "acme", model: "rocket-1", input_tokens: 1000, output_tokens: 0 }),
      makeUsageEvent({ event_id: "snapshot", timestamp: "2026-04-10T10:00:00Z", provider: "acme", model: "rocket-1-2026-04-01", input_tokens: 1000, output_tokens: 0 }),
      makeUsageEvent({ event_id: "sonnet", timestamp: "2026-04-11T10:00:00Z", provider: "anthropic", model: "claude-sonnet-4-5-20250929", input_tokens: 1000, output_tokens: 0 }),
    ],
    { now: new Date("2026-09-01T00:00:00Z") },
  );
  expect(r.accepted).toBe(3);
});
afterAll(() => store.cleanup());

describe("a model's first price", () => {
  it("prices the model's unpriced history at once, through the audited reprice", async () => {
    expect((await chQuery(stored, { ids: ["early", "snapshot"] })).map((r) => r.priced)).toEqual([false, false]);
    // Valid from June: no earlier row exists, so it applies to March and April too.
    const res = await savePrice(price("2026-06-01", "0.000001"), "tester");
    expect(res.created).toBe(1);
    expect(res.firstPrice.models).toEqual(["acme/rocket-1"]);
    expect(res.firstPrice.repriced?.changed).toBe(2);
    const id = (await listPrices()).find((p) => p.model === "rocket-1")!.id;
    expect(await chQuery(stored, { ids: ["early", "snapshot"] })).toEqual([
      { event_id: "early", priced: true, price_id: id, cost: "0.001" },
      { event_id: "snapshot", priced: true, price_id: id, cost: "0.001" },
    ]);
    const audit = await listAudit(20);
    expect(audit.find((a) => a.action === "reprice" && a.actor === "tester")?.after).toContain("first price of acme/rocket-1");
  });
  it("later prices take effect from their valid_from and reprice nothing by themselves", async () => {
    const res = await savePrice(price("2026-07-01", "0.000002"), "tester");
    expect(res.firstPrice).toEqual({ models: [], repriced: null, deferred: null });
    const r = await ingestEvents(
      [
        makeUsageEvent({ event_id: "june", timestamp: "2026-06-15T10:00:00Z", provider: "acme", model: "rocket-1", input_tokens: 1000, output_tokens: 0 }),
        makeUsageEvent({ event_id: "july", timestamp: "2026-07-15T10:00:00Z", provider: "acme", model: "rocket-1", input_tokens: 1000, output_tokens: 0 }),
      ],
      { now: new Date("2026-09-01T00:00:00Z") },
    );
    expect(r.accepted).toBe(2);
    expect((await chQuery(stored, { ids: ["early", "july", "june"] })).map((x) => [x.event_id, x.cost])).toEqual([["early", "0.001"], ["july", "0.002"], ["june", "0.001"]]);
  });
  it("`cli prices import` goes through the same audited service, first-price reprice included", async () => {
    const file = path.join(store.dir, "litellm.json");
    writeFileSync(file, JSON.stringify({ "claude-sonnet-4-5": { litellm_provider: "anthropic", mode: "chat", input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 } }));
    const res = await importLitellmFile(file, new Date("2026-08-01T00:00:00Z"));
    expect(res.created).toBe(1);
    expect(res.firstPrice.models).toEqual(["anthropic/claude-sonnet-4-5"]);
    expect((await chQuery(stored, { ids: ["sonnet"] }))[0]).toMatchObject({ priced: true, cost: "0.003" });
    const audit = await listAudit(20);
    expect(audit.find((a) => a.action === "price.import")?.actor).toBe("cli");
    expect(audit.find((a) => a.action === "reprice" && a.actor === "cli")?.after).toContain("first price of anthropic/claude-sonnet-4-5");
  });
});

describe("every CLI command on an empty data directory", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "tokenledger-cli-first-"));
  const prices = path.join(tmp, "prices.json");
  const events = path.join(tmp, "events.ndjson");
  writeFileSync(prices, JSON.stringify({ "gpt-4.1": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 2e-6, output_cost_per_token: 8e-6 } }));
  writeFileSync(events, `${JSON.stringify(makeUsageEvent({ event_id: "cli-1", timestamp: "2026-03-10T10:00:00Z" }))}\n`);
  // One of each kind (the event store, keys, users, tokens, prices, import); every command shares the
  // preAction hook that sets the metadata store up, so the others behave the same (checked by hand: README).
  const commands = [
    ["migrate"], ["verify"], ["keys", "create", "--name", "k"], ["users", "create", "--email", "a@example.com", "--role", "admin"],
    ["users", "role", "nobody@example.com", "lead"], ["tokens", "list"],
    ["prices", "import", prices], ["prices", "import", prices, "--valid-from", "2026-02-30"], ["import", events],
  ];
  const run = (args: string[], i: number) => {
    const dir = path.join(tmp, `d${i}`);
    const env = { ...process.env, TOKENLEDGER_DATA_DIR: dir, DATABASE_URL: "", TOKENLEDGER_ADMIN_EMAIL: "" };
    return spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], { env, encoding: "utf8", timeout: 120_000 });
  };
  it("either works (setting the metadata store up first) or says in one line what is wrong, never a stack trace", () => {
    const results = commands.map((args, i) => ({ args: args.join(" "), r: run(args, i) }));
    for (const { args, r } of results) {
      const out = `${r.stdout}${r.stderr}`;
      expect(out, args).not.toMatch(/^\s+at /m);
      expect(out, args).not.toMatch(/PrismaClient|no such table|Unknown table/);
      const errors = r.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("[tokenledger]"));
      expect(errors.length, `${args}: ${r.stderr}`).toBeLessThanOrEqual(1);
    }
    const said = (stderr: string) => stderr.split("\n").filter((l) => l.trim() && !l.startsWith("[tokenledger]")).join("\n");
    const failed = results.filter(({ r }) => r.status !== 0).map(({ args, r }) => [args, said(r.stderr)]);
    // The only failures are the ones about the input itself.
    expect(failed).toEqual([
      ["users role nobody@example.com lead", 'No user with email "nobody@example.com"'],
      [`prices import ${prices} --valid-from 2026-02-30`, '--valid-from must be a calendar date (YYYY-MM-DD), got "2026-02-30"'],
    ]);
    expect(results.find((x) => x.args === `import ${events}`)!.r.stdout).toContain("1 accepted");
  }, 600_000);
});
