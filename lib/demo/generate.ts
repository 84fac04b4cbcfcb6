import type { UsageEventInput } from "@/lib/schemas/event";
import { burstOffsetMs } from "./fixtures";
import { incidentWindowsMs, runawayAgent } from "./incident-injection";
import { demoAnchor } from "./incidents";
import { Day } from "./model-call";
import { createRng } from "./random";
import type { Flow } from "./workload";
import { ciPipeline, codingAgent, dependencyAudit, evalFlows, ideCompletion, labsPrototype } from "./workloads-engineering";
import { campaignCopy, inAppAssistant, northwindLaunch } from "./workloads-growth";
import { indexEnrichment, ragAnswer, supportChat, ticketSummary, ticketTriage } from "./workloads-support-search";

/**
 * The demo: ~90 days of a mid-size company's model calls up to `end`, one event per billed attempt.
 *
 * Request sizes are real (context, generated) pairs from the Azure LLM inference traces (the code trace for
 * IDE, agent and CI work, the conv trace for chat and product features), scaled per workload; arrivals
 * follow the traces' within-hour bursts on top of a daily and weekly rhythm of our own; cache reads follow
 * the per-request prefix-reuse share of the Mooncake trace (lib/demo/fixtures, bin/derive-demo-fixtures.ts).
 * Teams call each other (support's agent → search's retrieval), sessions and traces form small call graphs,
 * retries share a request_id, and the incidents in lib/demo/incidents.ts are injected on fixed dates
 * relative to `end` (lib/demo/INCIDENTS.md).
 *
 * Deterministic: every calendar day draws from its own generator seeded by (seed, day), so the same seed,
 * `days` and `end` give identical events, and a shorter window reproduces the same days of a longer one.
 */
export { DEMO_TEAMS, DEMO_OWNERSHIP_RULES, DEMO_UNPRICED_MODEL } from "./catalog";
export { DEMO_INCIDENTS, demoIncidentWindows } from "./incidents";
export type { DemoIncident, DemoIncidentId, DemoIncidentWindow } from "./incidents";
export { DEMO_DATA_SOURCES } from "./fixtures";

export type DemoOptions = { seed: number; days: number; end: Date };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every workload, in the order each day draws them (the order is part of the seeded output). */
const FLOWS: readonly Flow[] = [
  ideCompletion,
  codingAgent,
  ciPipeline,
  dependencyAudit,
  ragAnswer,
  supportChat,
  ticketTriage,
  ticketSummary,
  inAppAssistant,
  northwindLaunch,
  campaignCopy,
  indexEnrichment,
  ...evalFlows,
  labsPrototype,
];

function daySeed(seed: number, dayNumber: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(dayNumber + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** Generates the demo's canonical events (the wire shape the ingest API takes), sorted by timestamp. */
export function generateDemoEvents({ seed, days, end }: DemoOptions): UsageEventInput[] {
  const endMs = end.getTime();
  const anchor = demoAnchor(end);
  const rangeStart = anchor - (days - 1) * DAY;
  const windows = incidentWindowsMs(anchor);
  const runaway = windows["runaway-agent"];
  const hourTables = new Map<readonly number[], { total: number }>();
  for (const f of FLOWS) if (f.hours && !hourTables.has(f.hours)) hourTables.set(f.hours, { total: f.hours.reduce((a, b) => a + b, 0) });

  const allEvents: UsageEventInput[] = [];
  const allTimes: number[] = [];
  for (let i = 0; i < days; i++) {
    const dayStart = rangeStart + i * DAY;
    if (dayStart > endMs) break;
    const dayNumber = Math.floor(dayStart / DAY);
    const daysBeforeEnd = days - 1 - i;
    const rng = createRng(daySeed(seed, dayNumber));
    const d = new Day(rng, `dm${seed}-${dayNumber}-`, rangeStart, endMs, windows, daysBeforeEnd);
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const trend = Math.exp(-0.004 * daysBeforeEnd);

    for (const f of FLOWS) {
      if (f.weekdays && !f.weekdays.includes(weekday)) continue;
      const noise = rng.logNormal(1, 0.08);
      const units = f.perDay * trend * noise * (weekend ? f.weekend : 1);
      if (f.schedule) {
        const n = Math.round(units);
        const t0 = dayStart + f.schedule.hour * HOUR;
        for (let u = 0; u < n; u++) {
          const t = t0 + rng.int(0, f.schedule.spreadMinutes * 60_000);
          if (t <= endMs) f.emit(d, t, u, "prod");
        }
        continue;
      }
      const hours = f.hours!;
      const total = hourTables.get(hours)!.total;
      for (let h = 0; h < 24; h++) {
        const hourStart = dayStart + h * HOUR;
        if (hourStart > endMs) break;
        if (f.during) {
          const [s, e] = windows[f.during];
          if (hourStart + HOUR <= s || hourStart >= e) continue;
        }
        const n = rng.poisson((units * hours[h]) / total);
        const rotation = rng.next();
        for (let u = 0; u < n; u++) {
          const t = hourStart + burstOffsetMs(rng, f.burst ?? "conv", rotation);
          if (t > endMs) continue;
          if (f.during && !d.in(f.during, t)) continue;
          const env = f.staging && rng.chance(f.staging) ? (rng.chance(0.8) ? "staging" : "dev") : "prod";
          f.emit(d, t, u, env);
        }
      }
    }
    if (runaway[0] >= dayStart && runaway[0] < dayStart + DAY && runaway[0] >= rangeStart) runawayAgent(d, runaway[0], runaway[1]);

    for (let k = 0; k < d.events.length; k++) {
      allEvents.push(d.events[k]);
      allTimes.push(d.times[k]);
    }
  }
  const order = Array.from(allEvents.keys()).sort((a, b) => allTimes[a] - allTimes[b] || a - b);
  return order.map((k) => allEvents[k]);
}
