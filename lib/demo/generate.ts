import { SEED_PRICES, type SeedPrice } from "@/lib/finops/price-seed";
import type { UsageEventInput } from "@/lib/schemas/event";
import {
  ALL_REPOS,
  CONTRACTORS,
  CUSTOMERS,
  ENGINEERS,
  HOURS_CUSTOMERS,
  HOURS_ENGINEERS,
  M,
  PRIORITY_CUSTOMERS,
  REASONING,
  REPOS,
  SPEED,
  TEAM_SLUGS,
  WORK_ITEM_KEYS,
  type Model,
  type TeamSlug,
} from "./catalog";
import { burstOffsetMs, sampleCacheShare, sampleTokenPair, type TraceKind } from "./fixtures";
import { DEMO_INCIDENTS, demoAnchor, type DemoIncidentId } from "./incidents";
import { createRng, type Rng } from "./random";

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

// ---------------------------------------------------------------------------------------------------------
// One model call (with its retries)
// ---------------------------------------------------------------------------------------------------------

type Attr = {
  team?: string;
  repo?: string;
  feature?: string;
  environment?: string;
  pipeline_stage?: string;
  service?: string;
  user?: string;
  customer?: string;
  work_item?: string;
  pull_request?: string;
  branch?: string;
  trigger?: string;
  session_id?: string;
};

type Call = {
  t: number;
  model: Model;
  attr: Attr;
  trace: string;
  parent: string;
  /** All prompt tokens. */
  input: number;
  /** Visible output tokens; reasoning comes on top. */
  output: number;
  /** Cache-read share of the prompt (provider minimums and granularity still apply). */
  cacheShare: number;
  /** Anthropic: chance that the uncached part is written to the cache (default 0.6). */
  writeP?: number;
  ttl1h?: boolean;
  /** Reasoning tokens; default from the model's profile (REASONING). */
  reasoning?: number;
  /** Chance the caller stops the stream (a "cancelled" event that is billed in full). */
  cancelP?: number;
  /** Delivered share of visible output when cancelled [lo, hi]; and whether the client reports it. */
  delivered?: readonly [number, number];
  alwaysReportDelivered?: boolean;
  batch?: boolean;
  tier?: string;
  storm?: boolean;
  gatewayCost?: boolean;
  tags?: Record<string, string>;
};

type Emitted = { span: string; end: number };

const FAILURES = [
  ["rate_limited", 0.45],
  ["error", 0.25],
  ["timeout", 0.3],
] as const;
const ERROR_TYPE: Record<string, string> = { rate_limited: "rate_limit_exceeded", timeout: "client_timeout" };
const RETRY_P: Record<string, number> = { openai: 0.02, anthropic: 0.03, google: 0.02 };

type PriceRows = SeedPrice[];
const PRICES = new Map<string, PriceRows>();
for (const p of SEED_PRICES) {
  const k = `${p.provider}/${p.model}`;
  PRICES.set(k, [...(PRICES.get(k) ?? []), p]);
}

/** What a gateway (LiteLLM) would report as cost_usd: list prices, PRODUCT.md's formula, 9 decimals. */
function gatewayCost(model: Model, t: { input: number; read: number; write: number; write1h: number; output: number; batch: boolean }): string | undefined {
  const rows = PRICES.get(`${model[0]}/${model[1]}`);
  if (!rows) return undefined;
  let row = rows.find((r) => !r.longContextAbove)!;
  for (const r of rows) if (r.longContextAbove && t.input > r.longContextAbove) row = r;
  const pin = Number(row.input);
  const cost =
    (t.input - t.read - t.write) * pin +
    t.read * Number(row.cacheRead ?? row.input) +
    (t.write - t.write1h) * Number(row.cacheWrite ?? row.input) +
    t.write1h * Number(row.cacheWrite1h ?? row.cacheWrite ?? row.input) +
    t.output * Number(row.output);
  return ((cost * (t.batch ? 1 - Number(row.batchDiscount ?? 0) : 1)) / 1e6).toFixed(9);
}

class Day {
  readonly events: UsageEventInput[] = [];
  readonly times: number[] = [];
  private n = 0;

  constructor(
    readonly rng: Rng,
    private readonly idPrefix: string,
    private readonly rangeStart: number,
    private readonly rangeEnd: number,
    private readonly windows: Record<DemoIncidentId, readonly [number, number]>,
    readonly daysBeforeEnd: number,
  ) {}

  in(id: DemoIncidentId, t: number): boolean {
    const [s, e] = this.windows[id];
    return t >= s && t < e;
  }

  trace = () => this.rng.hex(32);
  session = () => `ses_${this.rng.hex(16)}`;
  customer = () => this.rng.weighted(CUSTOMERS);
  endUser = (customer: string) => `${customer}:u${String(this.rng.int(1, 900)).padStart(4, "0")}`;
  tokens = (kind: TraceKind) => sampleTokenPair(this.rng, kind);

  /** Mooncake-derived cache-read share; `boost` (0..1) adds an always-cached shared prefix (system prompt, repo context). */
  share(boost = 0): number {
    const s = sampleCacheShare(this.rng);
    return s + (1 - s) * boost;
  }

  /** An engineer of some team (weighted by headcount), or now and then a team-less contractor working in a team's repos. */
  engineer(): { team: TeamSlug; user: string; stampTeam: string } {
    const team = this.rng.weighted(TEAM_SLUGS.map((t) => [t, ENGINEERS[t].length] as const));
    if (this.rng.chance(0.07)) return { team, user: this.rng.pick(CONTRACTORS), stampTeam: "" };
    return { team, user: this.rng.pick(ENGINEERS[team]), stampTeam: team };
  }

  private cacheRead(model: Model, input: number, share: number): number {
    if (share <= 0) return 0;
    const min = model[1] === "gemini-2.5-pro" ? 2048 : 1024;
    if (input < min) return 0;
    let r = Math.min(input, Math.floor(input * Math.min(share, 1)));
    if (model[0] === "openai") r = Math.floor(r / 128) * 128;
    return r;
  }

  call(c: Call): Emitted {
    const { rng } = this;
    const [provider, model] = c.model;
    const input = Math.max(1, Math.round(c.input));
    const visible = Math.max(1, Math.round(c.output));
    let reasoning = c.reasoning;
    if (reasoning === undefined) {
      const prof = REASONING[model];
      reasoning = prof && rng.chance(prof[0]) ? Math.min(prof[2], Math.round(rng.logNormal(prof[1] * visible, 0.6) + 40)) : 0;
    }
    const output = visible + reasoning;
    const read = this.cacheRead(c.model, input, c.cacheShare);
    let write = 0;
    if (provider === "anthropic" && input - read >= 1024 && rng.chance(c.writeP ?? 0.6)) write = Math.round((input - read) * (0.6 + rng.next() * 0.35));
    const write1h = c.ttl1h ? write : 0;

    let attempts = 1;
    if (c.storm) attempts = rng.int(3, 6);
    else if (rng.chance(RETRY_P[provider] ?? 0.02)) attempts = rng.chance(0.8) ? 2 : 3;
    const requestId = `req_${rng.hex(24)}`;
    const speed = SPEED[model] ?? 100;
    const noise = rng.logNormal(1, 0.25);
    const ttft = Math.round((250 + (input - read) / 6 + read / 60 + (reasoning / speed) * 1000) * noise); // cached prefill is ~10x faster
    const fullLatency = Math.round(ttft + (visible / speed) * 1000 * noise);

    let t = c.t;
    let span = "";
    for (let a = 1; a <= attempts; a++) {
      const last = a === attempts;
      span = rng.hex(16);
      let status: "success" | "error" | "rate_limited" | "timeout" | "cancelled" = "success";
      if (!last) status = c.storm ? (rng.chance(0.55) ? "timeout" : "rate_limited") : rng.weighted(FAILURES);
      else if (c.storm && rng.chance(0.12)) status = "timeout";
      else if (c.cancelP && rng.chance(c.cancelP)) status = "cancelled";
      else if (rng.chance(0.002)) status = "error";

      const e: UsageEventInput = { event_id: `${this.idPrefix}${(this.n++).toString(36)}`, timestamp: new Date(t).toISOString(), provider, model, input_tokens: 0, output_tokens: 0 };
      if (c.batch) e.batch = true;
      if (c.tier) e.service_tier = c.tier;
      let latency = fullLatency;
      if (status === "success" || status === "cancelled") {
        e.input_tokens = input;
        e.cache_read_tokens = read;
        e.cache_write_tokens = write;
        if (write1h) e.cache_write_1h_tokens = write1h;
        e.output_tokens = output;
        e.reasoning_tokens = reasoning;
        if (status === "cancelled" && (c.alwaysReportDelivered || rng.chance(0.75))) {
          const [lo, hi] = c.delivered ?? [0.1, 0.9];
          e.delivered_output_tokens = Math.floor(visible * (lo + rng.next() * (hi - lo)));
        }
      } else if (status === "timeout") {
        // The provider processed (and billed) the prompt and part of the generation; the client gave up.
        const part = 0.05 + rng.next() * 0.5;
        e.input_tokens = input;
        e.cache_read_tokens = read;
        e.cache_write_tokens = write;
        if (write1h) e.cache_write_1h_tokens = write1h;
        e.output_tokens = Math.round(output * part);
        e.reasoning_tokens = Math.min(Math.round(reasoning * part), e.output_tokens);
        latency = c.storm ? rng.int(30_000, 60_000) : 30_000;
      } else {
        // Throttled or failed before any generation: recorded, not billed.
        latency = status === "rate_limited" ? rng.int(40, 400) : rng.int(300, 3000);
      }
      e.status = status;
      if (status !== "success" && status !== "cancelled") e.error_type = ERROR_TYPE[status] ?? (provider === "anthropic" ? "overloaded_error" : "server_error");
      e.request_id = requestId;
      e.attempt = a;
      if (!c.batch) {
        e.latency_ms = latency;
        if (status === "success" || status === "cancelled") e.ttft_ms = ttft;
      }
      const at = c.attr;
      if (at.team) e.team = at.team;
      if (at.repo) e.repo = at.repo;
      if (at.feature) e.feature = at.feature;
      if (at.environment) e.environment = at.environment;
      if (at.pipeline_stage) e.pipeline_stage = at.pipeline_stage;
      if (at.service) e.service = at.service;
      if (at.user) e.user = at.user;
      if (at.customer) e.customer = at.customer;
      if (at.work_item) e.work_item = at.work_item;
      if (at.pull_request) e.pull_request = at.pull_request;
      if (at.branch) e.branch = at.branch;
      if (at.trigger) e.trigger = at.trigger;
      e.trace_id = c.trace;
      e.span_id = span;
      if (c.parent) e.parent_span_id = c.parent;
      if (at.session_id) e.session_id = at.session_id;
      if (c.gatewayCost && e.input_tokens) {
        const cost = gatewayCost(c.model, {
          input: e.input_tokens,
          read: e.cache_read_tokens ?? 0,
          write: e.cache_write_tokens ?? 0,
          write1h: e.cache_write_1h_tokens ?? 0,
          output: e.output_tokens,
          batch: !!c.batch,
        });
        if (cost) e.cost_usd = cost;
      }
      if (c.tags) e.tags = { ...c.tags };
      if (t >= this.rangeStart && t <= this.rangeEnd) {
        this.events.push(e);
        this.times.push(t);
      }
      t += latency + (last ? 0 : Math.round(1000 * 2 ** (a - 1) * (0.5 + rng.next())));
    }
    return { span, end: t };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workloads
// ---------------------------------------------------------------------------------------------------------

type Flow = {
  id: string;
  /** Units (a call, a trace, a session, a pipeline run) per weekday at `end`; earlier days shrink by `trend`. */
  perDay: number;
  weekend: number;
  /** Hour-of-day weights (random arrivals) or a daily schedule (exact count, start hour, spread in minutes). */
  hours?: readonly number[];
  schedule?: { hour: number; spreadMinutes: number };
  /** Only on these weekdays (0 = Sunday). */
  weekdays?: readonly number[];
  burst?: TraceKind;
  /** Only inside this incident's window. */
  during?: DemoIncidentId;
  /** Share of units that run in staging (no customer) instead of prod. */
  staging?: number;
  emit(d: Day, t: number, unit: number, env: string): void;
};

const clampInt = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

const ideCompletion: Flow = {
  id: "ide-completion",
  perDay: 650,
  weekend: 0.12,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, t) {
    const who = d.engineer();
    const [ctx, gen] = d.tokens("code");
    d.call({
      t,
      model: d.rng.chance(0.6) ? M.gpt41Mini : M.geminiFlash,
      attr: { team: who.stampTeam, repo: d.rng.pick(REPOS[who.team]), feature: "code-completion", environment: "dev", service: "ide-copilot", user: who.user, trigger: "speculative" },
      trace: d.trace(),
      parent: "",
      input: Math.max(16, ctx),
      output: gen,
      cacheShare: d.share(),
      reasoning: 0,
      cancelP: 0.06,
      delivered: [0, 0.5],
    });
  },
};

function agentModel(d: Day): Model {
  return d.rng.weighted<Model>([
    [M.sonnet, 0.68],
    [M.gpt5, 0.2],
    [M.opus, 0.06],
    [M.geminiPro, 0.06],
  ] as const);
}

const codingAgent: Flow = {
  id: "coding-agent",
  perDay: 26,
  weekend: 0.2,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, start) {
    const { rng } = d;
    const who = d.engineer();
    const key = WORK_ITEM_KEYS[who.team];
    const ticket = rng.int(1000, 1999);
    const attr: Attr = {
      team: who.stampTeam,
      repo: rng.pick(REPOS[who.team]),
      feature: "coding-agent",
      environment: "dev",
      service: "agent-runner",
      user: who.user,
      work_item: `${key}-${ticket}`,
      branch: `${who.user.split(".")[0]}/${key.toLowerCase()}-${ticket}`,
      trigger: "user",
      session_id: d.session(),
    };
    const model = agentModel(d);
    const calls = clampInt(rng.logNormal(20, 0.55), 4, 70);
    const trace = d.trace();
    let input = 12_000 + d.tokens("code")[0] * 4; // system prompt and tool schemas, then the task
    let root = "";
    let t = start;
    for (let i = 0; i < calls; i++) {
      const [ctx, gen] = d.tokens("code");
      const out = clampInt(gen * 12, 20, 6000);
      const r = d.call({ t, model, attr, trace, parent: root, input, output: out, cacheShare: i === 0 ? d.share(0.2) : d.share(0.6), ttl1h: true });
      if (!root) root = r.span;
      t = r.end + rng.int(3000, 45_000);
      input += out + Math.round(ctx * 1.5); // tool results (files read, command output)
      if (input > 170_000) input = Math.round(input * 0.35); // context compaction
    }
  },
};

const ciPipeline: Flow = {
  id: "ci-pipeline",
  perDay: 40,
  weekend: 0.1,
  hours: HOURS_ENGINEERS,
  burst: "code",
  emit(d, t) {
    const { rng } = d;
    const [team, repo] = rng.pick(ALL_REPOS);
    const author = rng.pick(ENGINEERS[team]);
    const pr = rng.int(100, 3000);
    const ticket = rng.int(1000, 1999);
    const base: Attr = {
      team,
      repo,
      feature: "pr-bot",
      environment: "ci",
      service: "ci-review-bot",
      user: author,
      work_item: `${WORK_ITEM_KEYS[team]}-${ticket}`,
      pull_request: `${repo}#${pr}`,
      branch: `${author.split(".")[0]}/${WORK_ITEM_KEYS[team].toLowerCase()}-${ticket}`,
      trigger: "background",
    };
    const trace = d.trace();
    const tags = { ci: "github-actions" };
    const [c0, g0] = d.tokens("code");
    const root = d.call({ t, model: M.gpt41Mini, attr: { ...base, pipeline_stage: "summary" }, trace, parent: "", input: c0 * 2 + 1500, output: clampInt(g0 * 10, 40, 1200), cacheShare: d.share(0.2), tags });
    const files = rng.int(1, 10);
    let next = root.end;
    for (let f = 0; f < files; f++) {
      const [c, g] = d.tokens("code");
      d.call({ t: root.end + rng.int(0, 2000), model: rng.chance(0.6) ? M.gpt4oMini : M.gpt5Mini, attr: { ...base, pipeline_stage: "lint" }, trace, parent: root.span, input: c * 1.2 + 400, output: clampInt(g * 4, 5, 2000), cacheShare: d.share(0.1), tags });
    }
    const tests = rng.chance(0.5) ? rng.int(1, 3) : 0;
    for (let i = 0; i < tests; i++) {
      const [c, g] = d.tokens("code");
      next = d.call({ t: next + rng.int(500, 4000), model: M.gpt41, attr: { ...base, pipeline_stage: "test-gen" }, trace, parent: root.span, input: c * 3 + 2000, output: clampInt(g * 25, 50, 6000), cacheShare: d.share(0.2), tags }).end;
    }
    const reviews = Math.min(files, 6);
    for (let i = 0; i < reviews; i++) {
      const [c, g] = d.tokens("code");
      next = d.call({
        t: next + rng.int(200, 3000),
        model: rng.chance(0.7) ? M.sonnet : M.o4Mini,
        attr: { ...base, pipeline_stage: "review" },
        trace,
        parent: root.span,
        input: c * 6 + 6000,
        output: clampInt(g * 18, 30, 4000),
        cacheShare: d.share(0.3),
        tags,
      }).end;
    }
  },
};

const dependencyAudit: Flow = {
  id: "dependency-audit",
  perDay: ALL_REPOS.length,
  weekend: 1,
  schedule: { hour: 3, spreadMinutes: 30 },
  emit(d, t, unit) {
    const [team, repo] = ALL_REPOS[unit % ALL_REPOS.length];
    const [c, g] = d.tokens("code");
    d.call({
      t,
      model: M.gpt41Mini,
      attr: { team, repo, feature: "dependency-audit", environment: "ci", pipeline_stage: "dependency-audit", service: "ci-review-bot", trigger: "scheduled" },
      trace: d.trace(),
      parent: "",
      input: c * 2 + 3000,
      output: clampInt(g * 8, 20, 3000),
      cacheShare: d.share(0.3),
    });
  },
};

function prodAttr(d: Day, env: string): { customer: string; user: string } {
  if (env !== "prod") return { customer: "", user: "qa-bot" };
  const customer = d.customer();
  return { customer, user: d.endUser(customer) };
}

const ragAnswer: Flow = {
  id: "rag-answer",
  perDay: 240,
  weekend: 0.6,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit(d, t, _unit, env) {
    const { rng } = d;
    const who = prodAttr(d, env);
    const storm = d.in("retry-storm", t);
    const base: Attr = { team: "search", repo: "search/rag-api", feature: "answer", environment: env, service: "rag-api", trigger: "user", ...who };
    const trace = d.trace();
    const [ctx, gen] = d.tokens("conv");
    const root = d.call({ t, model: M.gpt41Mini, attr: { ...base, pipeline_stage: "rewrite" }, trace, parent: "", input: ctx * 0.6 + 300, output: clampInt(gen * 0.5 + 10, 8, 200), cacheShare: d.share(0.3), storm });
    const rr = d.call({ t: root.end + 20, model: M.gpt4oMini, attr: { ...base, pipeline_stage: "rerank" }, trace, parent: root.span, input: 2500 + ctx * 3, output: rng.int(40, 120), cacheShare: d.share(), storm });
    // Search migrated its answer model from gpt-4o to gpt-4.1 ten weeks before the end.
    const big = d.daysBeforeEnd > 70 ? M.gpt4o : M.gpt41;
    const model = rng.chance(0.6) ? big : M.geminiFlash;
    d.call({
      t: rr.end + 20,
      model,
      attr: { ...base, pipeline_stage: "generate" },
      trace,
      parent: root.span,
      input: 1800 + ctx * 5,
      output: clampInt(gen * 1.6 + 20, 10, 2500),
      cacheShare: d.share(0.25),
      reasoning: model === M.geminiFlash ? 0 : undefined,
      tier: model === M.gpt41 && PRIORITY_CUSTOMERS.has(who.customer) ? "priority" : "standard",
      cancelP: 0.015,
      storm,
    });
  },
};

const supportChat: Flow = {
  id: "support-chat",
  perDay: 85,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit(d, start, _unit, env) {
    const { rng } = d;
    const who = prodAttr(d, env);
    const session_id = d.session();
    const turns = rng.weighted([
      [1, 0.35],
      [2, 0.3],
      [3, 0.2],
      [4, 0.1],
      [5, 0.05],
    ] as const);
    const base: Attr = { team: "support-ai", repo: "support/assistant", feature: "support-chat", environment: env, service: "support-assistant", trigger: "user", session_id, ...who };
    // Search executes retrieval inside support's traces: executed by search, originated by support-ai.
    const retrieval: Attr = { team: "search", repo: "search/rag-api", feature: "retrieve", environment: env, service: "rag-api", pipeline_stage: "retrieve", trigger: "user", session_id, ...who };
    let history = 0;
    let t = start;
    for (let turn = 0; turn < turns; turn++) {
      const trace = d.trace();
      const [ctx, gen] = d.tokens("conv");
      const prompt = 4000 + history + ctx * 1.5;
      const plan = d.call({ t, model: M.sonnet, attr: { ...base, pipeline_stage: "plan" }, trace, parent: "", input: prompt, output: clampInt(60 + gen * 0.4, 20, 600), cacheShare: d.share(0.45) });
      const ret = d.call({
        t: plan.end + 10,
        model: M.geminiFlash,
        attr: retrieval,
        trace,
        parent: plan.span,
        input: 1200 + ctx * 2,
        output: rng.int(30, 200),
        cacheShare: d.share(),
        reasoning: 0,
        storm: d.in("retry-storm", plan.end),
      });
      const stopTax = d.in("cancellation-tax", ret.end);
      const out = clampInt(gen * 2.5 + 40, 20, 3000);
      const ans = d.call({
        t: ret.end + 10,
        model: rng.chance(0.7) ? M.sonnet : M.gpt41,
        attr: { ...base, pipeline_stage: "answer" },
        trace,
        parent: plan.span,
        input: prompt + 6000, // plus the retrieved knowledge-base passages
        output: out,
        cacheShare: d.share(0.45),
        cancelP: stopTax ? 0.42 : 0.02,
        delivered: stopTax ? [0.03, 0.3] : [0.2, 0.9],
        alwaysReportDelivered: stopTax,
      });
      history += Math.round(ctx + out);
      t = ans.end + rng.int(20_000, 180_000);
    }
  },
};

const ticketTriage: Flow = {
  id: "ticket-triage",
  perDay: 240,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    const blowup = d.in("reasoning-blowup", t);
    d.call({
      t,
      model: blowup ? M.o3 : M.gpt41Mini,
      attr: { team: "support-ai", repo: "support/triage", feature: "ticket-triage", environment: "prod", service: "triage-worker", trigger: "background", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 700 + ctx * 1.2,
      output: clampInt(20 + Math.min(gen, 120) * 0.3, 12, 80),
      cacheShare: d.share(0.3),
      reasoning: blowup ? clampInt(d.rng.logNormal(3200, 0.55), 400, 25_000) : 0,
    });
  },
};

const ticketSummary: Flow = {
  id: "ticket-summary",
  perDay: 110,
  weekend: 0.5,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    d.call({
      t,
      model: M.haiku,
      attr: { team: "support-ai", repo: "support/triage", feature: "ticket-summary", environment: "prod", service: "triage-worker", trigger: "background", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 1500 + ctx * 3,
      output: clampInt(gen * 1.5 + 50, 30, 1500),
      cacheShare: d.share(0.2),
    });
  },
};

const GATEWAY_TAGS = { gateway: "litellm", cost_center: "growth" };

function inAppSession(d: Day, start: number, env: string, customerOverride?: string) {
  const { rng } = d;
  const who = customerOverride ? { customer: customerOverride, user: d.endUser(customerOverride) } : prodAttr(d, env);
  const session_id = d.session();
  const turns = rng.int(1, 4);
  let history = 0;
  let t = start;
  for (let turn = 0; turn < turns; turn++) {
    const collapse = d.in("cache-collapse", t);
    const thrash = collapse && who.customer === "northwind";
    const model = rng.weighted<Model>([
      [M.haiku, 0.55],
      [M.sonnet, 0.25],
      [M.gpt41Mini, 0.2],
    ]);
    const [ctx, gen] = d.tokens("conv");
    // Requests through the legacy SDK path do not stamp a team (the gateway still tags a cost center).
    const attr: Attr = {
      team: rng.chance(0.2) ? "" : "growth",
      repo: "growth/in-app-assistant",
      feature: "in-app-assistant",
      environment: env,
      service: "assistant-api",
      trigger: "user",
      session_id,
      ...who,
    };
    let input = 6000 + history + ctx * 2;
    if (thrash) input *= 1.6; // a per-user profile now precedes the shared system prompt
    const share = thrash ? d.share() * 0.02 : collapse ? d.share(0.45) * 0.75 : d.share(0.45);
    const out = clampInt(gen * 1.2 + 20, 10, 1500);
    const trace = d.trace();
    const r = d.call({ t, model, attr, trace, parent: "", input, output: out, cacheShare: share, writeP: thrash ? 1 : 0.6, cancelP: 0.015, gatewayCost: true, tags: GATEWAY_TAGS });
    let end = r.end;
    if (rng.chance(0.3)) {
      end = d.call({ t: r.end + rng.int(200, 1500), model, attr, trace, parent: r.span, input: input + out + 400, output: clampInt(gen * 0.5 + 10, 5, 600), cacheShare: share, writeP: thrash ? 1 : 0.6, gatewayCost: true, tags: GATEWAY_TAGS }).end;
    }
    history += Math.round(ctx + out);
    t = end + rng.int(15_000, 240_000);
  }
}

const inAppAssistant: Flow = {
  id: "in-app-assistant",
  perDay: 120,
  weekend: 0.6,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  staging: 0.04,
  emit: (d, t, _unit, env) => inAppSession(d, t, env),
};

/** Northwind's onboarding push: extra sessions, only during the cache collapse. */
const northwindLaunch: Flow = {
  id: "northwind-launch",
  perDay: 100,
  weekend: 0.8,
  hours: HOURS_CUSTOMERS,
  burst: "conv",
  during: "cache-collapse",
  emit: (d, t) => inAppSession(d, t, "prod", "northwind"),
};

const campaignCopy: Flow = {
  id: "campaign-copy",
  perDay: 160,
  weekend: 1,
  schedule: { hour: 1, spreadMinutes: 60 },
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    d.call({
      t,
      model: d.rng.chance(0.7) ? M.gpt41Mini : M.haiku,
      attr: { team: d.rng.chance(0.2) ? "" : "growth", repo: "growth/email-writer", feature: "campaign-copy", environment: "prod", service: "email-writer", trigger: "scheduled", customer: d.customer() },
      trace: d.trace(),
      parent: "",
      input: 900 + ctx * 1.5,
      output: clampInt(gen * 3 + 100, 50, 3000),
      cacheShare: d.share(0.3),
      batch: true,
      gatewayCost: true,
      tags: GATEWAY_TAGS,
    });
  },
};

const indexEnrichment: Flow = {
  id: "index-enrichment",
  perDay: 200,
  weekend: 1,
  schedule: { hour: 0, spreadMinutes: 240 },
  emit(d, t) {
    const [ctx, gen] = d.tokens("conv");
    const flash = d.rng.chance(0.6);
    d.call({
      t,
      model: flash ? M.geminiFlash : M.o4Mini,
      attr: { team: "search", repo: "search/indexer", feature: "index-enrichment", environment: "prod", service: "indexer", trigger: "scheduled" },
      trace: d.trace(),
      parent: "",
      input: 2000 + ctx * 3,
      output: clampInt(gen * 2 + 50, 20, 3000),
      cacheShare: d.share(0.2),
      batch: flash,
      tier: flash ? undefined : "flex",
    });
  },
};

/** Each team's weekly offline eval run (environment eval, trigger eval), on its own weekday. */
const EVAL_SUITES: Record<TeamSlug, readonly [weekday: number, suite: string, repo: string]> = {
  "support-ai": [1, "support-chat-quality", "support/assistant"],
  platform: [2, "code-review-precision", "platform/ci-review-bot"],
  search: [3, "answer-groundedness", "search/rag-api"],
  growth: [4, "assistant-helpfulness", "growth/in-app-assistant"],
};
const evalFlows: Flow[] = TEAM_SLUGS.map((team) => {
  const [weekday, suite, repo] = EVAL_SUITES[team];
  return {
    id: `evals-${team}`,
    perDay: 180,
    weekend: 1,
    weekdays: [weekday],
    schedule: { hour: 18, spreadMinutes: 240 },
    emit(d, t) {
      const [ctx, gen] = d.tokens("conv");
      const model = d.rng.weighted<Model>([
        [M.o3, 0.2],
        [M.gpt5, 0.25],
        [M.opus, 0.15],
        [M.sonnet, 0.25],
        [M.geminiPro, 0.15],
      ] as const);
      d.call({
        t,
        model,
        attr: { team, repo, feature: "offline-evals", environment: "eval", pipeline_stage: suite, service: "eval-harness", trigger: "eval" },
        trace: d.trace(),
        parent: "",
        input: 1500 + ctx * 2,
        output: clampInt(gen * 2 + 30, 10, 4000),
        cacheShare: d.share(0.3),
        batch: model[0] === "openai" && d.rng.chance(0.5),
      });
    },
  };
});

const labsPrototype: Flow = {
  id: "labs-prototype",
  perDay: 35,
  weekend: 0.3,
  hours: HOURS_ENGINEERS,
  burst: "conv",
  emit(d, t) {
    const who = d.engineer();
    const [ctx, gen] = d.tokens("conv");
    // No team, no owned repo, and partly a model the price book does not know: unattributed and unpriced.
    d.call({
      t,
      model: d.rng.chance(0.55) ? M.unpriced : M.gpt4o,
      attr: { repo: "labs/prototype", feature: "doc-summarizer", environment: "dev", user: who.user, trigger: "user" },
      trace: d.trace(),
      parent: "",
      input: 400 + ctx * 3,
      output: clampInt(gen * 2 + 20, 10, 3000),
      cacheShare: d.share(),
    });
  },
};

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

/** The runaway agent: one background session looping for the whole incident window with a growing context. */
function runawayAgent(d: Day, start: number, stop: number) {
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

// ---------------------------------------------------------------------------------------------------------

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
  const windows = Object.fromEntries(DEMO_INCIDENTS.map((i) => [i.id, [anchor + i.startOffsetHours * HOUR, anchor + i.endOffsetHours * HOUR] as const])) as Record<
    DemoIncidentId,
    readonly [number, number]
  >;
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
