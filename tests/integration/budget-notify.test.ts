import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Budget crossing notifications end to end, to a real HTTP receiver (a webhook channel): spend arriving through
 * ingest crosses thresholds of the in-memory decision state, and each (budget, period, threshold) is notified
 * exactly once, through later spend, state refreshes and the budget listing; a new period notifies again.
 * The org calendar is America/New_York, and the two periods meet at the fall-back DST night (2026-11-01).
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { insertBudget, listBudgets } = await import("@/lib/db/budgets");
const { updateOrgSettings } = await import("@/lib/db/org-settings");
const { createChannel } = await import("@/lib/db/notification-channels");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { refreshBudgetState, notifyBudgetsChanged } = await import("@/lib/budgets/check-state");
const { checkBudgets } = await import("@/lib/budgets/check");
const { budgetStatus } = await import("@/lib/budgets/status");
const { toBudget } = await import("@/lib/budgets/model");

type Hook = { tokenledger: { kind: string; title: string; text: string; url: string } };
const received: Hook[] = [];
let receiver: http.Server;
let budgetId = "";
const cal = { timeZone: "America/New_York", monthStartDay: 1, weekStartsOn: 0 };
// gpt-4.1 input is $2 per million tokens: 5,000 tokens cost exactly $0.01.
const spend = (cents: number, timestamp: string) => makeUsageEvent({ team: "search", timestamp, input_tokens: 5_000 * cents, output_tokens: 0 });
const ingest = async (events: ReturnType<typeof makeUsageEvent>[], now: string) => {
  const r = await ingestEvents(events, { now: new Date(now), source: { keyId: "k", defaultTeam: null } });
  expect(r.rejected).toEqual([]);
};
const settle = () => new Promise((r) => setTimeout(r, 400)); // deliveries run in the background
const titles = () => received.map((h) => h.tokenledger.title);
const poll = { timeout: 15_000, interval: 50 };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push(JSON.parse(body) as Hook);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }]);
  await updateOrgSettings({ timeZone: cal.timeZone, weekStartsOn: 0 }, "test");
  await createChannel({ name: "hook", kind: "webhook", target: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: "", enabled: true });
  const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
  budgetId = (await insertBudget({ name: "Search weekly", scopeType: "team", scopeValue: "search", team: "search", period: "week", amountUsd: "1.00", customFrom: null, customTo: null, thresholds }, "test")).id;
  notifyBudgetsChanged();
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await store.cleanup();
});

describe("budget crossing notifications (a real webhook receiver)", () => {
  // The week of Sunday 2026-10-25 (New York) ends at 2026-11-01T04:00Z (midnight EDT); the next one runs to
  // 2026-11-08T05:00Z (midnight EST): 169 hours.
  const inFirstWeek = "2026-10-31T12:00:00Z";

  it("notifies 80 % once when spend reaches it exactly, at the cent", async () => {
    await refreshBudgetState(new Date(inFirstWeek).getTime());
    await ingest([spend(79, "2026-10-25T04:00:00Z")], inFirstWeek); // the week's first instant
    await settle();
    expect(titles()).toEqual([]);
    await ingest([spend(1, "2026-11-01T03:59:59Z")], inFirstWeek); // its last second: $0.80 = 80 %
    await expect.poll(titles, poll).toEqual(['Budget "Search weekly" reached 80 %']);
    expect(received[0].tokenledger.text).toContain("period 2026-10-25/2026-11-01");
  });

  it("crossing 100 % and 120 % in one batch notifies each once; more spend, a refresh and the listing add nothing", async () => {
    await ingest([spend(20, "2026-10-30T12:00:00Z"), spend(21, "2026-10-30T13:00:00Z")], inFirstWeek); // $1.21
    await expect.poll(() => titles().slice(1).sort(), poll).toEqual(['Budget "Search weekly" reached 100 %', 'Budget "Search weekly" reached 120 %']);
    await ingest([spend(50, "2026-10-30T14:00:00Z")], inFirstWeek);
    await refreshBudgetState(new Date(inFirstWeek).getTime());
    const b = toBudget((await listBudgets()).find((r) => r.id === budgetId)!);
    const status = await budgetStatus(b, { now: new Date(inFirstWeek), cal, record: true });
    expect(status.actual_usd).toBe("1.7"); // actual up to `now`: the cent stamped after it (Nov 1, 03:59:59Z) is not in yet
    await settle();
    expect(received.filter((h) => h.tokenledger.title.includes("reached"))).toHaveLength(3);
    expect((await checkBudgets({ team: "search", estimated_cost_usd: "0" }, { keyId: "k", defaultTeam: null }, new Date(inFirstWeek))).decision).toBe("deny");
  });

  it("the next week (across the DST night) starts from zero and notifies its own 80 % once", async () => {
    const now = "2026-11-07T12:00:00Z";
    await refreshBudgetState(new Date(now).getTime());
    expect((await checkBudgets({ team: "search", estimated_cost_usd: "0" }, { keyId: "k", defaultTeam: null }, new Date(now))).budgets[0].remaining_usd).toBe("1");
    const before = received.length;
    await ingest([spend(40, "2026-11-01T04:00:00Z"), spend(39, "2026-11-01T06:30:00Z")], now); // 00:00 EDT and the second 01:30
    await settle();
    expect(received.length).toBe(before);
    await ingest([spend(1, "2026-11-08T04:59:59Z"), spend(500, "2026-11-08T05:00:00Z")], now); // its last second; the next week's first
    await expect.poll(() => titles().slice(before), poll).toEqual(['Budget "Search weekly" reached 80 %']);
    await settle();
    expect(titles().slice(before)).toHaveLength(1);
    expect(received[received.length - 1].tokenledger.text).toContain("period 2026-11-01/2026-11-08");
  });
});
