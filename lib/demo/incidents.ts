/**
 * The incidents the demo injects, as data: other features (anomaly alerts, waste metrics, drill-downs) test
 * against these windows and scopes. Documented in lib/demo/INCIDENTS.md.
 *
 * Times are offsets in hours from 00:00 UTC of `end`'s day (the day the demo ends; negative = before), so
 * an incident always lands at the same time of day whatever time `end` is. demoIncidentWindows(end)
 * turns them into absolute ISO instants; the window is [start, end).
 *
 * A signal's metric is computed over the events that match every scope field (wire names) and whose
 * timestamp is inside the window ("inside") or outside it within the generated range ("outside"):
 * - retry_amplification: attempts / distinct request_id (an event without request_id is its own request)
 * - cache_hit_rate: Σ cache_read_tokens / Σ input_tokens
 * - input_tokens_per_hour: Σ input_tokens / hours of the range inside (or outside) the window
 * - reasoning_share: Σ reasoning_tokens / Σ output_tokens
 * - cancellation_waste_share: Σ over cancelled events of (output − delivered_output, or all output when
 *   delivered_output_tokens is absent) / Σ output_tokens
 * - cancelled_share: cancelled events / events
 * - max_calls_per_session: the largest number of events sharing one session_id
 * `inside` / `outside` bound the metric on each side; `ratio` bounds inside ÷ outside.
 */
export type DemoIncidentId = "runaway-agent" | "retry-storm" | "cache-collapse" | "reasoning-blowup" | "cancellation-tax";

export type DemoMetric =
  | "retry_amplification"
  | "cache_hit_rate"
  | "input_tokens_per_hour"
  | "reasoning_share"
  | "cancellation_waste_share"
  | "cancelled_share"
  | "max_calls_per_session";

export type DemoBound = { op: ">" | "<"; value: number };

export type DemoSignal = { metric: DemoMetric; description: string; inside?: DemoBound; outside?: DemoBound; ratio?: DemoBound };

/** Dimensions an incident is confined to (wire field names). */
export type DemoScope = Partial<Record<"team" | "service" | "feature" | "customer" | "environment" | "session_id" | "work_item", string>>;

export type DemoIncident = {
  id: DemoIncidentId;
  title: string;
  story: string;
  /** Hours from 00:00 UTC of end's day. */
  startOffsetHours: number;
  endOffsetHours: number;
  scope: DemoScope;
  /** The single unit that caused it, when there is one (for drill-down tests). */
  culprit?: DemoScope;
  signals: DemoSignal[];
  /** The seed article (../shared/seeds at derivation time) the incident dramatizes. */
  seed: string;
};

const DAY = 24;

export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    id: "cancellation-tax",
    title: "Cancellation tax after the support widget's streaming UI release",
    story:
      "Support AI ships a streaming chat widget with a prominent Stop / Regenerate button. Users stop answers after a few lines, but the provider finishes (and bills) each generation; the hotfix four days later hides the button behind a delay.",
    startOffsetHours: -47 * DAY + 12,
    endOffsetHours: -43 * DAY + 20,
    scope: { feature: "support-chat" },
    signals: [
      { metric: "cancelled_share", description: "share of support-chat calls that end cancelled", inside: { op: ">", value: 0.1 }, outside: { op: "<", value: 0.02 } },
      {
        metric: "cancellation_waste_share",
        description: "billed but undelivered output as a share of support-chat output",
        inside: { op: ">", value: 0.15 },
        outside: { op: "<", value: 0.03 },
      },
    ],
    seed: '004_91ac0f91a0176a1b.txt: "The Cancellation Tax: Your Inference Bill After the User Hits Stop" (Tian Pan)',
  },
  {
    id: "reasoning-blowup",
    title: "Reasoning-token blow-up after ticket triage moves to o3",
    story:
      "Support AI switches ticket-triage, a one-line classification, from gpt-4.1-mini to o3 for accuracy. The visible answer stays ~40 tokens, but each call now thinks for thousands of billed reasoning tokens; reverted six days later.",
    startOffsetHours: -33 * DAY + 10,
    endOffsetHours: -27 * DAY + 16,
    scope: { feature: "ticket-triage" },
    signals: [
      { metric: "reasoning_share", description: "reasoning tokens / output tokens of ticket-triage", inside: { op: ">", value: 0.8 }, outside: { op: "<", value: 0.05 } },
    ],
    seed: '004_91ac0f91a0176a1b.txt: "Reasoning-Effort Budgeting: When Thinking Tokens Become a Finance Line Item" (Tian Pan)',
  },
  {
    id: "cache-collapse",
    title: "Prompt-cache collapse after Northwind's onboarding launch",
    story:
      "Northwind, the largest tenant of the in-app assistant, onboards hundreds of users at 16:45 UTC and starts prepending a per-user profile before the shared system prompt. The prefix cache never hits again (Anthropic calls keep paying cache writes), input volume jumps, and other tenants' hit rates sag until the prompt layout is fixed three days later.",
    startOffsetHours: -19 * DAY + 16.75,
    endOffsetHours: -16 * DAY + 18,
    scope: { feature: "in-app-assistant", customer: "northwind" },
    signals: [
      { metric: "cache_hit_rate", description: "cache reads / input tokens of Northwind's in-app assistant", inside: { op: "<", value: 0.1 }, outside: { op: ">", value: 0.4 } },
      { metric: "input_tokens_per_hour", description: "input tokens per hour of Northwind's in-app assistant, inside vs outside", ratio: { op: ">", value: 2 } },
    ],
    seed: '002_e38cc990cb5305a6.txt: "Prompt Cache Thrashing: When Your Largest Tenant\'s Launch Triples Everyone\'s Bill" (Tian Pan)',
  },
  {
    id: "retry-storm",
    title: "Retry storm on rag-api during provider throttling",
    story:
      "The retrieval service's model endpoint throttles and times out for five hours; rag-api's client retries every request 3–6 times with a policy written for stateless HTTP, replaying the full prompt on each timeout. Support AI's agent, which calls rag-api, pays too.",
    startOffsetHours: -9 * DAY + 14,
    endOffsetHours: -9 * DAY + 19,
    scope: { service: "rag-api" },
    signals: [
      { metric: "retry_amplification", description: "attempts / logical requests of rag-api", inside: { op: ">", value: 3 }, outside: { op: "<", value: 1.2 } },
    ],
    seed: '004_91ac0f91a0176a1b.txt: "Retries Aren\'t Free: The FinOps Math of LLM Retry Policies" (Tian Pan); 000_95cf97bc06564ff0.txt: "The AI Compute Tax" (recursive retries on rate limits)',
  },
  {
    id: "runaway-agent",
    title: "Runaway coding agent loops overnight on PLAT-1423",
    story:
      "A background coding agent asked to fix a flaky integration test keeps re-running it and re-reading the growing log: ~400 sequential calls over seven and a half hours in one session, its context growing from ~18k to ~250k tokens (into long-context pricing), until someone kills it in the morning.",
    startOffsetHours: -4 * DAY + 1,
    endOffsetHours: -4 * DAY + 8.5,
    scope: { feature: "coding-agent" },
    culprit: { session_id: "ses_7c41e09b5a2f4d18", work_item: "PLAT-1423" },
    signals: [
      { metric: "max_calls_per_session", description: "calls in the busiest coding-agent session", inside: { op: ">", value: 300 }, outside: { op: "<", value: 100 } },
    ],
    seed: '003_d88c4434d04bd2f8.txt: "AI Token Cost Overruns" (agent loops, compounding context windows); 000_95cf97bc06564ff0.txt: "The AI Compute Tax" (unbounded agent loops)',
  },
];

export type DemoIncidentWindow = DemoIncident & { start: string; end: string };

const HOUR_MS = 3_600_000;

/** 00:00 UTC of the day `end` falls in: the anchor of incident offsets. */
export function demoAnchor(end: Date): number {
  return Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
}

/** The incidents with absolute ISO start/end ([start, end)) for a demo ending at `end`. */
export function demoIncidentWindows(end: Date): DemoIncidentWindow[] {
  const anchor = demoAnchor(end);
  return DEMO_INCIDENTS.map((i) => ({
    ...i,
    start: new Date(anchor + i.startOffsetHours * HOUR_MS).toISOString(),
    end: new Date(anchor + i.endOffsetHours * HOUR_MS).toISOString(),
  }));
}

/** Whether an event (wire shape) matches every field of a scope. */
export function inDemoScope(e: Partial<Record<keyof DemoScope, unknown>>, scope: DemoScope): boolean {
  for (const [k, v] of Object.entries(scope)) if ((e[k as keyof DemoScope] ?? "") !== v) return false;
  return true;
}
