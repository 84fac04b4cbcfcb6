import type { UsageEventInput } from "@/lib/schemas/event";
import { CONTRACTORS, CUSTOMERS, ENGINEERS, REASONING, SPEED, TEAM_SLUGS, type Model, type TeamSlug } from "./catalog";
import { sampleCacheShare, sampleTokenPair, type TraceKind } from "./fixtures";
import { gatewayCost } from "./gateway-cost";
import type { IncidentWindowsMs } from "./incident-injection";
import type { DemoIncidentId } from "./incidents";
import type { Rng } from "./random";

/**
 * One model call with its retries, as billed attempts: `Day.call` turns a `Call` (who, when, which model,
 * how many tokens) into one usage event per attempt, with cache reads and writes, reasoning tokens, failures,
 * retries under one request_id, cancellations, latencies and (for gateway traffic) a gateway-reported cost.
 * A `Day` also holds the day's generator, its incident windows and the events emitted so far.
 */

export type Attr = {
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

export type Call = {
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

export type Emitted = { span: string; end: number };

const FAILURES = [
  ["rate_limited", 0.45],
  ["error", 0.25],
  ["timeout", 0.3],
] as const;
const ERROR_TYPE: Record<string, string> = { rate_limited: "rate_limit_exceeded", timeout: "client_timeout" };
const RETRY_P: Record<string, number> = { openai: 0.02, anthropic: 0.03, google: 0.02 };

export class Day {
  readonly events: UsageEventInput[] = [];
  readonly times: number[] = [];
  private n = 0;

  constructor(
    readonly rng: Rng,
    private readonly idPrefix: string,
    private readonly rangeStart: number,
    private readonly rangeEnd: number,
    private readonly windows: IncidentWindowsMs,
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
