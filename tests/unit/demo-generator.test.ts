import { statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_INCIDENTS, DEMO_UNPRICED_MODEL, demoIncidentWindows, generateDemoEvents, type DemoIncidentWindow } from "@/lib/demo/generate";
import { inDemoScope, type DemoBound, type DemoMetric } from "@/lib/demo/incidents";
import azure from "@/lib/demo/fixtures/azure-llm-2023.json";
import mooncake from "@/lib/demo/fixtures/mooncake-cache.json";
import { SEED_PRICES } from "@/lib/finops/price-seed";
import { UsageEventInput } from "@/lib/schemas/event";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = new Date("2026-06-15T18:00:00Z");
const SEED = 7;
// Long enough for every incident (the earliest starts 47 days before the end day), short enough to be quick.
const DAYS = 50;
const RANGE_START = Date.UTC(2026, 5, 15) - (DAYS - 1) * DAY;

type Ev = UsageEventInput;
let events: Ev[];
const ts = (e: Ev) => Date.parse(String(e.timestamp));

beforeAll(() => {
  events = generateDemoEvents({ seed: SEED, days: DAYS, end: END });
});

describe("generateDemoEvents: determinism and shape", () => {
  it("is deterministic for a seed, differs across seeds, and a shorter window reproduces the same days", () => {
    const short = { seed: SEED, days: 4, end: END };
    const a = generateDemoEvents(short);
    expect(generateDemoEvents(short)).toEqual(a);
    expect(generateDemoEvents({ ...short, seed: SEED + 1 })).not.toEqual(a);
    // Each calendar day draws from its own (seed, day) generator: the 50-day run contains the 4-day run.
    const firstDay = Math.floor((Date.UTC(2026, 5, 15) - 3 * DAY) / DAY);
    const dayOf = (e: Ev) => Number(e.event_id.split("-")[1]);
    expect(events.filter((e) => dayOf(e) >= firstDay)).toEqual(a);
  });

  it("produces only valid, unique, time-ordered events inside the window", () => {
    expect(events.length).toBeGreaterThan(80_000);
    const bad = events.filter((e) => !UsageEventInput.safeParse(e).success);
    expect(bad.slice(0, 3)).toEqual([]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    const times = events.map(ts);
    for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) throw new Error(`out of order at ${i}`);
    expect(times[0]).toBeGreaterThanOrEqual(RANGE_START);
    expect(times[times.length - 1]).toBeLessThanOrEqual(END.getTime());
  });

  it("covers the dimensions the product slices by", () => {
    const values = (k: keyof Ev) => new Set(events.map((e) => String(e[k] ?? "")));
    expect([...values("environment")].sort()).toEqual(["ci", "dev", "eval", "prod", "staging"]);
    expect(values("team")).toEqual(new Set(["platform", "search", "growth", "support-ai", ""]));
    expect([...values("provider")].sort()).toEqual(["anthropic", "google", "mistral", "openai"]);
    expect([...values("trigger")].sort()).toEqual(["background", "eval", "scheduled", "speculative", "user"]);
    expect([...values("service_tier")].sort()).toEqual(["", "flex", "priority", "standard"]);
    for (const k of ["repo", "feature", "service", "customer", "user", "pipeline_stage", "work_item", "pull_request", "branch", "session_id"] as const)
      expect(values(k).size, k).toBeGreaterThan(3);
    expect(events.some((e) => e.batch)).toBe(true);
    expect(events.some((e) => e.cost_usd !== undefined)).toBe(true);
    // Every model is priced by the seed price book except the one deliberately unpriced model (a small share).
    const priced = new Set(SEED_PRICES.map((p) => `${p.provider}/${p.model}`));
    const unpriced = events.filter((e) => !priced.has(`${e.provider}/${e.model}`));
    expect(new Set(unpriced.map((e) => `${e.provider}/${e.model}`))).toEqual(new Set([`${DEMO_UNPRICED_MODEL.provider}/${DEMO_UNPRICED_MODEL.model}`]));
    expect(unpriced.length / events.length).toBeGreaterThan(0.001);
    expect(unpriced.length / events.length).toBeLessThan(0.02);
    // Unattributed traffic exists but is a minority.
    const noTeam = events.filter((e) => !e.team).length / events.length;
    expect(noTeam).toBeGreaterThan(0.02);
    expect(noTeam).toBeLessThan(0.15);
  });

  it("forms call graphs: parents exist in the same trace, and one team's agent calls another team's retrieval", () => {
    const spans = new Map<string, Ev>();
    for (const e of events) spans.set(`${e.trace_id}/${e.span_id}`, e);
    let crossTeam = 0;
    for (const e of events) {
      if (!e.parent_span_id) continue;
      const parent = spans.get(`${e.trace_id}/${e.parent_span_id}`);
      expect(parent, `parent of ${e.event_id}`).toBeDefined();
      if (parent!.team === "support-ai" && e.team === "search") crossTeam++;
    }
    expect(crossTeam).toBeGreaterThan(1000);
  });

  it("retries share a request_id with consecutive attempt numbers; failed attempts are not successes", () => {
    const byRequest = new Map<string, Ev[]>();
    for (const e of events) byRequest.set(e.request_id!, [...(byRequest.get(e.request_id!) ?? []), e]);
    let retried = 0;
    for (const attempts of byRequest.values()) {
      if (attempts.length === 1) continue;
      retried++;
      expect(attempts.map((e) => e.attempt)).toEqual(attempts.map((_, i) => i + 1));
      for (const e of attempts.slice(0, -1)) expect(["error", "rate_limited", "timeout"]).toContain(e.status);
    }
    expect(retried).toBeGreaterThan(1000);
  });

  it("has realistic token sizes, cache reads and rhythm", () => {
    const sum = (f: (e: Ev) => number, list = events) => list.reduce((s, e) => s + f(e), 0);
    const hit = sum((e) => e.cache_read_tokens ?? 0) / sum((e) => e.input_tokens);
    expect(hit).toBeGreaterThan(0.3);
    expect(hit).toBeLessThan(0.85);
    expect(events.some((e) => (e.cache_write_1h_tokens ?? 0) > 0)).toBe(true);
    expect(sum((e) => e.reasoning_tokens ?? 0) / sum((e) => e.output_tokens)).toBeGreaterThan(0.05);
    // IDE completions are sized like the Azure code trace: median context ~1.5k, median output ~13.
    const completions = events.filter((e) => e.feature === "code-completion" && e.status === "success");
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(completions.map((e) => e.input_tokens))).toBeGreaterThan(800);
    expect(median(completions.map((e) => e.input_tokens))).toBeLessThan(2500);
    expect(median(completions.map((e) => e.output_tokens))).toBeLessThan(40);
    // Weekdays are busier than weekends; afternoons (UTC) busier than nights.
    const perDay = new Map<number, number>();
    const perHour = new Array<number>(24).fill(0);
    for (const e of events) {
      const t = ts(e);
      perDay.set(Math.floor(t / DAY), (perDay.get(Math.floor(t / DAY)) ?? 0) + 1);
      perHour[new Date(t).getUTCHours()]++;
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const full = [...perDay].filter(([d]) => d * DAY >= RANGE_START && (d + 1) * DAY <= END.getTime());
    const weekday = avg(full.filter(([d]) => ![0, 6].includes(new Date(d * DAY).getUTCDay())).map(([, n]) => n));
    const weekend = avg(full.filter(([d]) => [0, 6].includes(new Date(d * DAY).getUTCDay())).map(([, n]) => n));
    expect(weekday / weekend).toBeGreaterThan(1.6);
    expect(perHour[15] / perHour[3]).toBeGreaterThan(2);
  });

  it("ships small fixtures that carry their attribution", () => {
    const dir = join(process.cwd(), "lib/demo/fixtures");
    const total = ["azure-llm-2023.json", "mooncake-cache.json"].reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThan(200 * 1024);
    for (const src of [azure.source, mooncake.source]) {
      expect(src.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(src.license).toBeTruthy();
      expect(src.citation).toBeTruthy();
    }
    expect(mooncake.tokenWeightedHitRate).toBeCloseTo(0.374, 2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Incidents: each signal is computed here in plain TS from the events and must hold inside and not outside.
// ---------------------------------------------------------------------------------------------------------

function metric(name: DemoMetric, list: Ev[], hours: number): number {
  const sum = (f: (e: Ev) => number) => list.reduce((s, e) => s + f(e), 0);
  switch (name) {
    case "retry_amplification":
      return list.length / new Set(list.map((e) => e.request_id || e.event_id)).size;
    case "cache_hit_rate":
      return sum((e) => e.cache_read_tokens ?? 0) / sum((e) => e.input_tokens);
    case "input_tokens_per_hour":
      return sum((e) => e.input_tokens) / hours;
    case "reasoning_share":
      return sum((e) => e.reasoning_tokens ?? 0) / sum((e) => e.output_tokens);
    case "cancellation_waste_share":
      return sum((e) => (e.status === "cancelled" ? e.output_tokens - (e.delivered_output_tokens ?? 0) : 0)) / sum((e) => e.output_tokens);
    case "cancelled_share":
      return list.filter((e) => e.status === "cancelled").length / list.length;
    case "max_calls_per_session": {
      const n = new Map<string, number>();
      for (const e of list) if (e.session_id) n.set(e.session_id, (n.get(e.session_id) ?? 0) + 1);
      return Math.max(0, ...n.values());
    }
  }
}

const holds = (x: number, b: DemoBound) => (b.op === ">" ? x > b.value : x < b.value);

describe("demo incidents", () => {
  const windows = demoIncidentWindows(END);

  it("are exported as data with absolute windows inside the generated range", () => {
    expect(windows.map((w) => w.id).sort()).toEqual(DEMO_INCIDENTS.map((i) => i.id).sort());
    for (const w of windows) {
      expect(Date.parse(w.start)).toBeLessThan(Date.parse(w.end));
      expect(Date.parse(w.start)).toBeGreaterThanOrEqual(RANGE_START);
      expect(Date.parse(w.end)).toBeLessThan(END.getTime());
      expect(w.signals.length).toBeGreaterThan(0);
    }
    // Offsets are anchored to 00:00 UTC of the end day: the time of day of `end` does not move them.
    expect(demoIncidentWindows(new Date("2026-06-15T00:00:01Z"))).toEqual(windows);
  });

  it.each(DEMO_INCIDENTS.map((i) => [i.id, i] as const))("%s: its signal is present inside the window and absent outside", (_id, incident) => {
    const w = windows.find((x) => x.id === incident.id) as DemoIncidentWindow;
    const [s, e] = [Date.parse(w.start), Date.parse(w.end)];
    const scoped = events.filter((ev) => inDemoScope(ev, incident.scope));
    const inside = scoped.filter((ev) => ts(ev) >= s && ts(ev) < e);
    const outside = scoped.filter((ev) => ts(ev) < s || ts(ev) >= e);
    expect(inside.length).toBeGreaterThan(50);
    expect(outside.length).toBeGreaterThan(500);
    const insideHours = (e - s) / HOUR;
    const outsideHours = (END.getTime() - RANGE_START) / HOUR - insideHours;
    for (const sig of incident.signals) {
      const a = metric(sig.metric, inside, insideHours);
      const b = metric(sig.metric, outside, outsideHours);
      const label = `${incident.id} ${sig.metric}: inside ${a.toFixed(3)}, outside ${b.toFixed(3)}`;
      if (sig.inside) expect(holds(a, sig.inside), label).toBe(true);
      if (sig.outside) expect(holds(b, sig.outside), label).toBe(true);
      if (sig.ratio) expect(holds(a / b, sig.ratio), label).toBe(true);
    }
  });

  it("retry storm: confined to rag-api (other services keep normal retry rates in the window)", () => {
    const w = windows.find((x) => x.id === "retry-storm")!;
    const inWin = events.filter((e) => ts(e) >= Date.parse(w.start) && ts(e) < Date.parse(w.end));
    const others = inWin.filter((e) => e.service !== "rag-api");
    expect(metric("retry_amplification", others, 1)).toBeLessThan(1.2);
    const storm = inWin.filter((e) => e.service === "rag-api" && e.attempt! > 1);
    expect(storm.every((e) => e.attempt! <= 6)).toBe(true);
    const statuses = new Set(storm.map((e) => e.status));
    expect(statuses).toContain("rate_limited");
    expect(statuses).toContain("timeout");
    for (const st of statuses) expect(["rate_limited", "timeout", "success", "cancelled", "error"]).toContain(st);
    // Both the owner (search) and an originator (support-ai's agent, through retrieval) are hit.
    expect(new Set(storm.map((e) => e.feature))).toEqual(new Set(["answer", "retrieve"]));
  });

  it("cache collapse: Northwind's Anthropic calls keep writing the cache they never read", () => {
    const w = windows.find((x) => x.id === "cache-collapse")!;
    const inside = events.filter(
      (e) => inDemoScope(e, w.scope) && e.provider === "anthropic" && e.status === "success" && ts(e) >= Date.parse(w.start) && ts(e) < Date.parse(w.end),
    );
    const writes = inside.reduce((s, e) => s + (e.cache_write_tokens ?? 0), 0);
    const input = inside.reduce((s, e) => s + e.input_tokens, 0);
    expect(writes / input).toBeGreaterThan(0.5);
  });

  it("reasoning blow-up: ticket-triage moved to o3 in the window and back afterwards", () => {
    const w = windows.find((x) => x.id === "reasoning-blowup")!;
    const triage = events.filter((e) => e.feature === "ticket-triage");
    const models = (pred: (t: number) => boolean) => new Set(triage.filter((e) => pred(ts(e))).map((e) => e.model));
    expect(models((t) => t >= Date.parse(w.start) && t < Date.parse(w.end))).toEqual(new Set(["o3"]));
    expect(models((t) => t < Date.parse(w.start) || t >= Date.parse(w.end))).toEqual(new Set(["gpt-4.1-mini"]));
  });

  it("cancellation tax: cancelled answers are billed in full but delivered only in part", () => {
    const w = windows.find((x) => x.id === "cancellation-tax")!;
    const cancelled = events.filter((e) => inDemoScope(e, w.scope) && e.status === "cancelled" && ts(e) >= Date.parse(w.start) && ts(e) < Date.parse(w.end));
    expect(cancelled.length).toBeGreaterThan(100);
    for (const e of cancelled) expect(e.delivered_output_tokens!).toBeLessThanOrEqual(0.3 * e.output_tokens);
  });

  it("runaway agent: one session loops for hours with a growing context, past long-context pricing", () => {
    const incident = DEMO_INCIDENTS.find((i) => i.id === "runaway-agent")!;
    const w = windows.find((x) => x.id === "runaway-agent")!;
    const calls = events.filter((e) => e.session_id === incident.culprit!.session_id && e.status === "success");
    expect(calls.length).toBeGreaterThan(300);
    expect(calls.every((e) => e.work_item === incident.culprit!.work_item && ts(e) >= Date.parse(w.start) && ts(e) < Date.parse(w.end))).toBe(true);
    expect(ts(calls[calls.length - 1]) - ts(calls[0])).toBeGreaterThan(6 * HOUR);
    const inputs = calls.map((e) => e.input_tokens);
    for (let i = 1; i < inputs.length; i++) expect(inputs[i]).toBeGreaterThan(inputs[i - 1]);
    expect(inputs[inputs.length - 1] / inputs[0]).toBeGreaterThan(5);
    expect(inputs[inputs.length - 1]).toBeGreaterThan(200_000);
  });
});
