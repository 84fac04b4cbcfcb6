import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Isolation (issue 14 item 3): a key restricted to team A can never change a figure of team B. Logical
 * requests are matched per team (unattributed events: per ingest key), and an event_id that belongs to
 * another team's stored event is a conflict, not a duplicate. Through the HTTP ingest path.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { seedPricesIfEmpty } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { createIngestKey } = await import("@/lib/db/ingest-keys");
const { getSummary } = await import("@/lib/finops/summary");
const { getTopTraces, getTrace } = await import("@/lib/finops/trace-lookup");
const { POST } = await import("@/app/api/v1/events/route");

const keys = { search: "", growth: "", anonA: "", anonB: "" };
const post = async (secret: string, events: unknown[]) => {
  const res = await POST(new Request("http://test/api/v1/events", { method: "POST", body: JSON.stringify(events), headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" } }));
  return { status: res.status, body: await res.json() };
};
const NO_FILTERS = { include: {}, exclude: {} };
const range = { from: "2026-03-01", to: "2026-04-01", tz: "UTC", filters: NO_FILTERS };
const figures = async (team: string) => {
  const s = await getSummary({ ...range, scope: { all: false, teams: [team] } });
  const traces = await getTopTraces({ ...range, limit: 10, scope: { all: false, teams: [team] } });
  const { cost_usd, requests, attempts, retry_waste_usd } = s.total;
  return { cost_usd, requests, attempts, retry_waste_usd, traces: traces.traces.map((t) => [t.trace_id, t.cost_usd, t.retry_waste_usd]) };
};
const t = (hms: string) => `2026-03-10T${hms}Z`;

beforeAll(async () => {
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams([{ slug: "search", name: "Search" }, { slug: "growth", name: "Growth" }]);
  keys.search = (await createIngestKey({ name: "search bot", teamSlug: "search", allowedTeams: ["search"] })).secret;
  keys.growth = (await createIngestKey({ name: "growth bot", teamSlug: "growth", allowedTeams: ["growth"] })).secret;
  keys.anonA = (await createIngestKey({ name: "anonymous a" })).secret;
  keys.anonB = (await createIngestKey({ name: "anonymous b" })).secret;
  const growth = (e: Parameters<typeof makeUsageEvent>[0]) => makeUsageEvent({ team: "", trace_id: "TG", ...e });
  const r = await post(keys.growth, [
    growth({ event_id: "g-1", timestamp: t("10:00:00"), request_id: "R1", attempt: 1, status: "error" }),
    growth({ event_id: "g-2", timestamp: t("10:00:05"), request_id: "R1", attempt: 2 }),
    growth({ event_id: "g-solo", timestamp: t("11:00:00"), request_id: "R2", attempt: 1 }),
  ]);
  expect(r.body).toMatchObject({ accepted: 3 });
});
afterAll(() => store.cleanup());

describe("team isolation", () => {
  it("another team's key sending the same request_id with a higher attempt changes none of growth's figures", async () => {
    const before = await figures("growth");
    expect(before).toMatchObject({ requests: 2, attempts: 3, retry_waste_usd: "0.002800000" });
    const r = await post(keys.search, [
      makeUsageEvent({ event_id: "s-3", team: "", timestamp: t("10:00:09"), request_id: "R1", attempt: 3, trace_id: "TG" }),
      makeUsageEvent({ event_id: "s-r2", team: "", timestamp: t("11:00:09"), request_id: "R2", attempt: 2, trace_id: "TS" }),
    ]);
    expect(r.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await figures("growth")).toEqual(before);
    // search's own attempts are its own requests: nothing of theirs is wasted either.
    expect(await figures("search")).toMatchObject({ requests: 2, attempts: 2, retry_waste_usd: "0.000000000" });
    // The trace view, seeing both teams' attempts of R1 in trace TG, counts the same waste: growth's g-1 only.
    const trace = await getTrace({ id: "TG", scope: { all: true } });
    expect(trace.total.retry_waste_usd).toBe("0.002800000");
    expect(trace.nodes.flatMap((n) => n.attempt_list.filter((a) => a.wasted).map((a) => a.event_id))).toEqual(["g-1"]);
  });

  it("an event_id of growth's stored event sent by search's key is a conflict, not a duplicate", async () => {
    const before = await figures("growth");
    const r = await post(keys.search, [makeUsageEvent({ event_id: "g-solo", team: "", timestamp: t("11:00:00"), request_id: "R2", attempt: 1, trace_id: "TG" })]);
    expect(r).toEqual({ status: 409, body: { accepted: 0, duplicates: 0, conflicts: [{ index: 0, event_id: "g-solo", fields: ["team"] }], rejected: [] } });
    expect(await figures("growth")).toEqual(before);
  });

  it("unattributed events are matched within their ingest key only", async () => {
    const anon = (id: string, attempt: number) => makeUsageEvent({ event_id: id, team: "", timestamp: t("12:00:00"), request_id: "U", attempt });
    expect((await post(keys.anonA, [anon("a-1", 1)])).body.accepted).toBe(1);
    expect((await post(keys.anonB, [anon("b-2", 2)])).body.accepted).toBe(1);
    const s = await getSummary({ ...range, scope: { all: true } });
    const unattributed = s.total.unattributed_usd;
    expect(unattributed).toBe("0.005600000");
    const all = await getSummary({ ...range, scope: { all: true }, group_by: ["team"] });
    expect(all.groups.find((g) => g.key === "")).toMatchObject({ requests: 2, attempts: 2, retry_waste_usd: "0.000000000" });
  });
});
