import { M } from "./catalog";
import { DEMO_INCIDENTS, type DemoIncidentId } from "./incidents";
import type { Attr, Day } from "./model-call";

/**
 * Incident injection. Most incidents are injected by the workloads themselves, which check `Day.in(id, t)`
 * (retry storm, cache collapse, reasoning blow-up, cancellation tax, Northwind's launch); the runaway agent
 * is a session of its own, started by the day loop on the day its window opens.
 */

const HOUR = 3_600_000;

/** Each incident's window [start, end) in epoch milliseconds. */
export type IncidentWindowsMs = Record<DemoIncidentId, readonly [number, number]>;

/** The incident windows for a demo anchored at `anchor` (00:00 UTC of end's day, see demoAnchor). */
export function incidentWindowsMs(anchor: number): IncidentWindowsMs {
  return Object.fromEntries(DEMO_INCIDENTS.map((i) => [i.id, [anchor + i.startOffsetHours * HOUR, anchor + i.endOffsetHours * HOUR] as const])) as IncidentWindowsMs;
}

/** The runaway agent: one background session looping for the whole incident window with a growing context. */
export function runawayAgent(d: Day, start: number, stop: number) {
  const { rng } = d;
  const culprit = DEMO_INCIDENTS.find((i) => i.id === "runaway-agent")!.culprit!;
  const attr: Attr = {
    team: "platform",
    repo: "platform/infra-tools",
    feature: "coding-agent",
    environment: "ci",
    service: "agent-runner",
    user: "maya.chen",
    work_item: culprit.work_item,
    branch: "agent/plat-1423-fix-flaky-integration-test",
    pull_request: "platform/infra-tools#2291",
    trigger: "background",
    session_id: culprit.session_id,
  };
  const trace = d.trace();
  let input = 18_000;
  let root = "";
  let t = start + rng.int(0, 60_000);
  while (t < stop - 120_000) {
    const out = rng.int(250, 900);
    // It rewrites its scratchpad near the top of the prompt each turn, so only part of the prefix stays cached.
    const r = d.call({ t, model: M.sonnet, attr, trace, parent: root, input, output: out, cacheShare: 0.4 + rng.next() * 0.3, writeP: 1, ttl1h: true });
    if (!root) root = r.span;
    t = r.end + rng.int(35_000, 60_000); // re-runs the test suite, then reads the log again
    input += Math.round(out * 0.4) + rng.int(150, 550); // its own tool calls plus the new test log
  }
}
