import type { UsageEventInput } from "@/lib/schemas/event";
import { createRng } from "./random";

/**
 * A small deterministic demo: a few teams calling several models over `days` days up to `end`, with
 * weekday/weekend and daytime rhythm, retries, cancellations and reasoning tokens. Same seed, same events.
 */
export const DEMO_TEAMS = [
  { slug: "platform", name: "Platform" },
  { slug: "search", name: "Search & Retrieval" },
  { slug: "growth", name: "Growth" },
  { slug: "support-ai", name: "Support AI" },
] as const;

type Workload = {
  team: string;
  repo: string;
  feature: string;
  service: string;
  environment: string;
  trigger: string;
  perDay: number;
  models: readonly (readonly [readonly [string, string], number])[];
  inputMedian: number;
  outputMedian: number;
  cacheShare: number;
};

const WORKLOADS: Workload[] = [
  { team: "platform", repo: "platform/ci-review-bot", feature: "code-review", service: "review-bot", environment: "ci", trigger: "background", perDay: 90,
    models: [[["anthropic", "claude-sonnet-4-5"], 6], [["openai", "gpt-4.1-mini"], 3]], inputMedian: 12000, outputMedian: 900, cacheShare: 0.55 },
  { team: "platform", repo: "platform/lint-agent", feature: "lint-fix", service: "lint-agent", environment: "ci", trigger: "scheduled", perDay: 40,
    models: [[["openai", "gpt-4o-mini"], 1]], inputMedian: 3000, outputMedian: 300, cacheShare: 0.2 },
  { team: "search", repo: "search/rag-api", feature: "answer", service: "rag-api", environment: "prod", trigger: "user", perDay: 160,
    models: [[["openai", "gpt-4.1"], 4], [["google", "gemini-2.5-flash"], 5]], inputMedian: 6000, outputMedian: 450, cacheShare: 0.35 },
  { team: "search", repo: "search/reranker", feature: "rerank", service: "reranker", environment: "prod", trigger: "user", perDay: 120,
    models: [[["openai", "gpt-4o-mini"], 1]], inputMedian: 1800, outputMedian: 60, cacheShare: 0.1 },
  { team: "growth", repo: "growth/email-writer", feature: "campaign-copy", service: "email-writer", environment: "prod", trigger: "scheduled", perDay: 35,
    models: [[["openai", "gpt-5"], 2], [["anthropic", "claude-haiku-4-5"], 3]], inputMedian: 2500, outputMedian: 1200, cacheShare: 0.05 },
  { team: "support-ai", repo: "support/assistant", feature: "chat", service: "support-assistant", environment: "prod", trigger: "user", perDay: 140,
    models: [[["anthropic", "claude-sonnet-4-5"], 3], [["openai", "o4-mini"], 2]], inputMedian: 8000, outputMedian: 700, cacheShare: 0.6 },
  { team: "", repo: "labs/prototype", feature: "eval-harness", service: "evals", environment: "eval", trigger: "eval", perDay: 25,
    models: [[["openai", "o3"], 1], [["acme", "acme-llm-1"], 0.2]], inputMedian: 4000, outputMedian: 2000, cacheShare: 0 },
];

const CUSTOMERS = ["acme-corp", "globex", "initech", "umbrella", "hooli", "stark-industries"] as const;
const REASONING_MODELS = new Set(["o3", "o4-mini", "gpt-5"]);
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1];

export type DemoOptions = { seed: number; days: number; end: Date };

/** Generates the demo's canonical events (the same wire shape the ingest API takes). */
export function generateDemoEvents({ seed, days, end }: DemoOptions): UsageEventInput[] {
  const rng = createRng(seed);
  const events: UsageEventInput[] = [];
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  let n = 0;
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = endDay - d * 86_400_000;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const growth = 1 + 0.004 * (days - d); // slow organic growth over the window
    for (const w of WORKLOADS) {
      const volume = Math.round(w.perDay * growth * (weekend && w.environment !== "prod" ? 0.25 : weekend ? 0.7 : 1) * (0.85 + rng.next() * 0.3));
      for (let i = 0; i < volume; i++) {
        const hour = rng.weighted(HOUR_WEIGHTS.map((wgt, h) => [h, wgt / hourTotal] as const));
        const ts = dayStart + hour * 3_600_000 + rng.int(0, 3_599_999);
        if (ts > end.getTime()) continue;
        const [provider, model] = rng.weighted(w.models);
        const input = Math.max(50, Math.round(rng.logNormal(w.inputMedian, 0.7)));
        const cacheRead = rng.chance(w.cacheShare) ? Math.round(input * (0.5 + rng.next() * 0.45)) : 0;
        const cacheWrite = provider === "anthropic" && cacheRead === 0 && rng.chance(0.3) ? Math.round(input * 0.5) : 0;
        const output = Math.max(1, Math.round(rng.logNormal(w.outputMedian, 0.6)));
        const reasoning = REASONING_MODELS.has(model) ? Math.round(output * (0.3 + rng.next() * 0.5)) : 0;
        const requestId = `req-${seed}-${++n}`;
        const attempts = rng.chance(0.04) ? rng.int(2, 3) : 1;
        const traceId = (n * 2654435761 + seed).toString(16).padStart(32, "0").slice(-32);
        for (let a = 1; a <= attempts; a++) {
          const last = a === attempts;
          const cancelled = last && w.trigger === "user" && rng.chance(0.03);
          events.push({
            event_id: `demo-${seed}-${n}-${a}`,
            timestamp: new Date(ts + (a - 1) * 2000).toISOString(),
            provider,
            model,
            input_tokens: input,
            cache_read_tokens: cacheRead,
            cache_write_tokens: cacheWrite,
            output_tokens: last ? output : rng.int(0, 20),
            reasoning_tokens: last ? reasoning : 0,
            delivered_output_tokens: cancelled ? Math.round(output * rng.next() * 0.5) : undefined,
            status: last ? (cancelled ? "cancelled" : "success") : rng.pick(["error", "rate_limited", "timeout"] as const),
            request_id: requestId,
            attempt: a,
            latency_ms: rng.int(300, 9000),
            team: w.team,
            repo: w.repo,
            feature: w.feature,
            service: w.service,
            environment: w.environment,
            trigger: w.trigger,
            customer: w.environment === "prod" ? rng.pick(CUSTOMERS) : "",
            trace_id: traceId,
            span_id: traceId.slice(0, 16),
          });
        }
      }
    }
  }
  return events;
}
