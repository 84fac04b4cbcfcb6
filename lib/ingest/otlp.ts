/**
 * OTLP/HTTP JSON traces (ExportTraceServiceRequest) → canonical wire events (snake_case objects for
 * `UsageEventInput`, not validated here: ingest validates them). Pure: no I/O, never throws.
 *
 * Which spans become events
 *   A span is a GenAI call when it carries a token count — `gen_ai.usage.input_tokens` /
 *   `gen_ai.usage.output_tokens`, the older `gen_ai.usage.prompt_tokens` / `gen_ai.usage.completion_tokens`,
 *   or OpenInference `llm.token_count.prompt` / `llm.token_count.completion` — and a model. Spans without
 *   any token count (HTTP spans, an `invoke_agent` parent, tools) are counted in `ignoredSpans`. A span
 *   with token counts but no model, no provider, bad ids or bad times is billed spend that cannot be
 *   recorded correctly: it is reported in `errors` (and `rejectedSpans`), never silently ignored.
 *   A missing input or output count (an embeddings span has no output) is 0.
 *   A model call without any token count (a chat/completion span, `gen_ai.operation.name` chat,
 *   text_completion or generate_content, or OpenInference span kind LLM, with a model) is billed spend that
 *   cannot be priced: it stays ignored (there are no numbers to store) but is listed in `spansWithoutUsage`,
 *   so the exporter is warned. Streamed OpenAI calls through OpenLLMetry 0.27 and OpenInference 4.2.7 are such
 *   spans: neither reads the usage chunk of `stream_options: {include_usage: true}`.
 *
 * Span → event
 * | event field            | source (first present wins)                                                                                     |
 * |------------------------|-----------------------------------------------------------------------------------------------------------------|
 * | event_id               | `otlp-<traceId>-<spanId>` (hex): re-sending the same spans is idempotent                                         |
 * | timestamp              | endTimeUnixNano, else startTimeUnixNano → epoch ms (BigInt arithmetic, ns truncated to ms)                       |
 * | latency_ms             | end − start, rounded to ms (only when both are present and end ≥ start)                                          |
 * | provider               | span, then resource: gen_ai.provider.name, gen_ai.system, llm.provider, llm.system — lowercased, kept as given    |
 * | model                  | span: gen_ai.response.model, gen_ai.request.model, llm.model_name                                                |
 * | input_tokens           | gen_ai.usage.input_tokens, gen_ai.usage.prompt_tokens, llm.token_count.prompt (includes cached tokens; see below) |
 * | output_tokens          | gen_ai.usage.output_tokens, gen_ai.usage.completion_tokens, llm.token_count.completion (includes reasoning)       |
 * | cache_read_tokens      | gen_ai.usage.cache_read.input_tokens, gen_ai.usage.cache_read_input_tokens, llm.token_count.prompt_details.cache_read |
 * | cache_write_tokens     | gen_ai.usage.cache_write.input_tokens, gen_ai.usage.cache_write_input_tokens, gen_ai.usage.cache_creation.input_tokens, gen_ai.usage.cache_creation_input_tokens, llm.token_count.prompt_details.cache_write |
 * | reasoning_tokens       | gen_ai.usage.reasoning.output_tokens, gen_ai.usage.reasoning_tokens, gen_ai.usage.reasoning_output_tokens, llm.token_count.completion_details.reasoning |
 * | status / error_type    | status.code 2 (or "STATUS_CODE_ERROR") → "error" with error_type = error.type; otherwise "success"              |
 * | trace_id, span_id, parent_span_id | lowercase hex; base64 ids (what protobuf→JSON converters emit) are decoded to hex                     |
 * | session_id             | span, then resource: gen_ai.conversation.id, session.id                                                         |
 * | service                | span/resource tokenledger.service, else resource service.name                                                  |
 * | environment            | span/resource tokenledger.environment, else resource deployment.environment.name, deployment.environment       |
 *
 * Instrumentations that count otherwise: the ScopeSpans' `scope` (name, version) and the span's provider
 * pick an entry of ./otlp-instrumentations (e.g. OpenLLMetry's Anthropic instrumentation sends Anthropic's
 * input_tokens without the cache parts: they are added back). A scope that is not an object, or whose
 * name/version is not a string, rejects its spans (reported), as their counts could not be read reliably.
 *
 * Dimensions: every key is looked up on the span first, then on the resource (span attributes win over
 * resource attributes; within one level the order below decides).
 * | event field    | attribute keys                                          |
 * |----------------|---------------------------------------------------------|
 * | team           | tokenledger.team, team, team.name                       |
 * | repo           | tokenledger.repo, vcs.repository.name                   |
 * | feature        | tokenledger.feature, feature                            |
 * | customer       | tokenledger.customer, customer, tenant.id               |
 * | user           | tokenledger.user, user.id, enduser.id                   |
 * | request_id     | tokenledger.request_id                                  |
 * | attempt        | tokenledger.attempt (→ number)                          |
 * | pipeline_stage, work_item, pull_request, branch, trigger, service_tier | tokenledger.<field> |
 * | tags[name]     | tokenledger.tag.<name> (resource, overridden per name by the span) |
 *
 * KeyValue values: stringValue, intValue (JSON number or decimal string: 64-bit ints arrive as strings),
 * doubleValue (number or "NaN"/"Infinity" strings), boolValue, arrayValue (joined with "," when used as
 * text); kvlistValue/bytesValue are accepted and unused. An empty string counts as absent. Duplicate keys:
 * the last wins. A malformed KeyValue is reported and skipped; if it is one of the keys a GenAI event is
 * built from (token counts, model, provider), the span is rejected rather than priced on partial data.
 *
 * Structure: `resourceSpans`, `scopeSpans`, `spans` and `attributes` may be absent (proto3 JSON omits
 * empty lists) but must be arrays when present. Errors carry paths such as
 * `resourceSpans[0].scopeSpans[1].spans[3].traceId`.
 */

import { canonicalTokens, tokenReading, type InstrumentationScope } from "./otlp-instrumentations";

export type OtlpError = { path: string; message: string };
export type OtlpResult = {
  events: Record<string, unknown>[];
  /** Spans that are not GenAI calls (no token counts). */
  ignoredSpans: number;
  /** Of the ignored spans, model calls that carry no token counts (their spend cannot be recorded): path and model. */
  spansWithoutUsage: { path: string; model: string }[];
  /** GenAI spans that produced no event because of errors (what OTLP partial success calls rejected spans). */
  rejectedSpans: number;
  errors: OtlpError[];
};

type AttrValue =
  | { t: "string"; v: string }
  | { t: "int"; v: bigint }
  | { t: "double"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "array"; v: AttrValue[] }
  | { t: "other" };
type Attr = { value: AttrValue; path: string };
type Attrs = { map: Map<string, Attr>; bad: Set<string> };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? `"${v.slice(0, 40)}"` : String(v));

const INPUT_KEYS = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt"];
const OUTPUT_KEYS = ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion"];
const CACHE_READ_KEYS = ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read"];
const CACHE_WRITE_KEYS = [
  "gen_ai.usage.cache_write.input_tokens",
  "gen_ai.usage.cache_write_input_tokens",
  "gen_ai.usage.cache_creation.input_tokens",
  "gen_ai.usage.cache_creation_input_tokens",
  "llm.token_count.prompt_details.cache_write",
];
const REASONING_KEYS = [
  "gen_ai.usage.reasoning.output_tokens",
  "gen_ai.usage.reasoning_tokens",
  "gen_ai.usage.reasoning_output_tokens",
  "llm.token_count.completion_details.reasoning",
];
const MODEL_KEYS = ["gen_ai.response.model", "gen_ai.request.model", "llm.model_name"];
/** Operations that are one billed model call (not an agent, a tool or a workflow around calls). */
const CALL_OPERATIONS = new Set(["chat", "text_completion", "generate_content"]);
const PROVIDER_KEYS = ["gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"];
const ESSENTIAL_KEYS = new Set([...INPUT_KEYS, ...OUTPUT_KEYS, ...CACHE_READ_KEYS, ...CACHE_WRITE_KEYS, ...REASONING_KEYS, ...MODEL_KEYS, ...PROVIDER_KEYS]);

const DIMENSIONS: [field: string, keys: string[]][] = [
  ["team", ["tokenledger.team", "team", "team.name"]],
  ["repo", ["tokenledger.repo", "vcs.repository.name"]],
  ["feature", ["tokenledger.feature", "feature"]],
  ["customer", ["tokenledger.customer", "customer", "tenant.id"]],
  ["user", ["tokenledger.user", "user.id", "enduser.id"]],
  ["request_id", ["tokenledger.request_id"]],
  ["pipeline_stage", ["tokenledger.pipeline_stage"]],
  ["work_item", ["tokenledger.work_item"]],
  ["pull_request", ["tokenledger.pull_request"]],
  ["branch", ["tokenledger.branch"]],
  ["trigger", ["tokenledger.trigger"]],
  ["service_tier", ["tokenledger.service_tier"]],
  ["session_id", ["gen_ai.conversation.id", "session.id"]],
];
const TAG_PREFIX = "tokenledger.tag.";

// ---------- KeyValue parsing ----------

function parseAnyValue(v: unknown, path: string, errors: OtlpError[]): AttrValue | undefined {
  if (v === undefined || v === null) return { t: "other" }; // an empty AnyValue is legal
  if (!isObj(v)) {
    errors.push({ path, message: `must be an AnyValue object (got ${show(v)})` });
    return undefined;
  }
  if ("stringValue" in v) {
    if (typeof v.stringValue === "string") return { t: "string", v: v.stringValue };
    errors.push({ path: `${path}.stringValue`, message: `must be a string (got ${show(v.stringValue)})` });
    return undefined;
  }
  if ("intValue" in v) {
    const i = v.intValue;
    if (typeof i === "string" && /^-?\d{1,20}$/.test(i)) return { t: "int", v: BigInt(i) };
    if (typeof i === "number" && Number.isInteger(i)) return { t: "int", v: BigInt(i) };
    errors.push({ path: `${path}.intValue`, message: `must be an integer, as a JSON number or a decimal string (got ${show(i)})` });
    return undefined;
  }
  if ("doubleValue" in v) {
    const d = v.doubleValue;
    if (typeof d === "number") return { t: "double", v: d };
    if (typeof d === "string" && (/^(NaN|-?Infinity)$/.test(d) || (d.trim() !== "" && Number.isFinite(Number(d))))) return { t: "double", v: Number(d) };
    errors.push({ path: `${path}.doubleValue`, message: `must be a number (got ${show(d)})` });
    return undefined;
  }
  if ("boolValue" in v) {
    if (typeof v.boolValue === "boolean") return { t: "bool", v: v.boolValue };
    errors.push({ path: `${path}.boolValue`, message: `must be true or false (got ${show(v.boolValue)})` });
    return undefined;
  }
  if ("arrayValue" in v) {
    const a = v.arrayValue;
    if (!isObj(a) || (a.values !== undefined && a.values !== null && !Array.isArray(a.values))) {
      errors.push({ path: `${path}.arrayValue`, message: "must be an object with a values array" });
      return undefined;
    }
    const items: AttrValue[] = [];
    const values = Array.isArray(a.values) ? a.values : [];
    for (let i = 0; i < values.length; i++) {
      const item = parseAnyValue(values[i], `${path}.arrayValue.values[${i}]`, errors);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return { t: "array", v: items };
  }
  return { t: "other" }; // kvlistValue, bytesValue or empty
}

function parseAttributes(list: unknown, path: string, errors: OtlpError[]): Attrs {
  const attrs: Attrs = { map: new Map(), bad: new Set() };
  if (list === undefined || list === null) return attrs;
  if (!Array.isArray(list)) {
    errors.push({ path, message: `must be an array of KeyValue (got ${show(list)})` });
    return attrs;
  }
  list.forEach((kv, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(kv)) {
      errors.push({ path: p, message: `must be a KeyValue object (got ${show(kv)})` });
      return;
    }
    if (typeof kv.key !== "string" || kv.key === "") {
      errors.push({ path: `${p}.key`, message: `must be a non-empty string (got ${show(kv.key)})` });
      return;
    }
    const value = parseAnyValue(kv.value, `${p}.value`, errors);
    if (value === undefined) {
      attrs.bad.add(kv.key);
      return;
    }
    attrs.map.set(kv.key, { value, path: p });
  });
  return attrs;
}

/** Text form of an attribute for dimensions; undefined when absent, empty or not representable. */
function asText(v: AttrValue): string | undefined {
  switch (v.t) {
    case "string":
      return v.v === "" ? undefined : v.v;
    case "int":
      return v.v.toString();
    case "double":
      return String(v.v);
    case "bool":
      return String(v.v);
    case "array": {
      const parts = v.v.map(asText).filter((s): s is string => s !== undefined);
      return parts.length ? parts.join(",") : undefined;
    }
    default:
      return undefined;
  }
}

// ---------- ids and times ----------

function decodeBase64(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return undefined;
  const std = s.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (std.length % 4 === 1) return undefined;
  try {
    const bin = atob(std + "=".repeat((4 - (std.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Trace (16 bytes) or span (8 bytes) id → lowercase hex; accepts hex or base64 (standard or URL-safe). */
function normalizeId(v: unknown, bytes: 16 | 8): { hex: string } | { message: string } {
  const what = bytes === 16 ? "32 hex characters (or base64 of 16 bytes)" : "16 hex characters (or base64 of 8 bytes)";
  if (typeof v !== "string") return { message: `must be a string of ${what} (got ${show(v)})` };
  let hex: string | undefined;
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) hex = v.toLowerCase();
  else {
    const raw = decodeBase64(v);
    if (raw && raw.length === bytes) hex = Array.from(raw, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  if (hex === undefined) return { message: `must be ${what} (got ${show(v)})` };
  if (/^0+$/.test(hex)) return { message: "must not be all zeros (an invalid id in OTLP)" };
  return { hex };
}

/** Unix nanoseconds (decimal string or JSON number) → BigInt; undefined when absent or 0 (proto default). */
function parseNanos(v: unknown): bigint | undefined | "invalid" {
  if (v === undefined || v === null) return undefined;
  let n: bigint;
  if (typeof v === "string" && /^\d{1,20}$/.test(v)) n = BigInt(v);
  else if (typeof v === "number" && Number.isInteger(v) && v >= 0) n = BigInt(v);
  else return "invalid";
  return n === 0n ? undefined : n;
}

const NS_PER_MS = 1_000_000n;

// ---------- spans ----------

type SpanCtx = { path: string; span: Obj; attrs: Attrs; resource: Attrs; scope: InstrumentationScope };

/** Looks `keys` up on the span, then on the resource (span wins); within a level, key order decides. */
function lookup(ctx: SpanCtx, keys: string[], levels: ("span" | "resource")[] = ["span", "resource"]): Attr | undefined {
  for (const level of levels) {
    const attrs = level === "span" ? ctx.attrs : ctx.resource;
    for (const k of keys) {
      const a = attrs.map.get(k);
      if (a && asText(a.value) !== undefined) return a;
    }
  }
  return undefined;
}
const lookupText = (ctx: SpanCtx, keys: string[], levels?: ("span" | "resource")[]) => {
  const a = lookup(ctx, keys, levels);
  return a ? asText(a.value) : undefined;
};

/** A token count attribute on the span: non-negative whole number as int, integral double or decimal string. */
function tokenCount(ctx: SpanCtx, keys: string[], errors: OtlpError[]): number | undefined | "invalid" {
  for (const k of keys) {
    const a = ctx.attrs.map.get(k);
    if (!a) continue;
    const v = a.value;
    let n: number | undefined;
    if (v.t === "int" && v.v >= 0n && v.v <= BigInt(Number.MAX_SAFE_INTEGER)) n = Number(v.v);
    else if (v.t === "double" && Number.isSafeInteger(v.v) && v.v >= 0) n = v.v;
    else if (v.t === "string" && /^\d{1,15}$/.test(v.v)) n = Number(v.v);
    if (n === undefined) {
      const shown = v.t === "int" ? v.v.toString() : v.t === "double" || v.t === "bool" ? String(v.v) : v.t === "string" ? `"${v.v.slice(0, 40)}"` : v.t;
      errors.push({ path: a.path, message: `"${k}" must be a non-negative whole number (got ${shown})` });
      return "invalid";
    }
    return n;
  }
  return undefined;
}

type SpanOutcome = { kind: "event"; event: Record<string, unknown> } | { kind: "ignored"; modelWithoutUsage?: string } | { kind: "rejected" };

/** The model of a span that is one model call (by its GenAI operation or OpenInference span kind), else undefined. */
function modelCall(ctx: SpanCtx): string | undefined {
  const operation = lookupText(ctx, ["gen_ai.operation.name"], ["span"]);
  const llmKind = lookupText(ctx, ["openinference.span.kind"], ["span"])?.toUpperCase() === "LLM";
  if (!llmKind && (operation === undefined || !CALL_OPERATIONS.has(operation))) return undefined;
  return lookupText(ctx, MODEL_KEYS, ["span"]);
}

function spanToEvent(ctx: SpanCtx, errors: OtlpError[]): SpanOutcome {
  const { path, span, attrs } = ctx;
  const before = errors.length;
  const hasAny = (keys: string[]) => keys.some((k) => attrs.map.has(k) || attrs.bad.has(k));
  if (!hasAny(INPUT_KEYS) && !hasAny(OUTPUT_KEYS)) return { kind: "ignored", modelWithoutUsage: modelCall(ctx) };

  const badEssential = [...attrs.bad].filter((k) => ESSENTIAL_KEYS.has(k));
  if (badEssential.length)
    errors.push({ path: `${path}.attributes`, message: `GenAI span not recorded: malformed ${badEssential.map((k) => `"${k}"`).join(", ")}` });

  const input = tokenCount(ctx, INPUT_KEYS, errors);
  const output = tokenCount(ctx, OUTPUT_KEYS, errors);
  const cacheRead = tokenCount(ctx, CACHE_READ_KEYS, errors);
  const cacheWrite = tokenCount(ctx, CACHE_WRITE_KEYS, errors);
  const reasoning = tokenCount(ctx, REASONING_KEYS, errors);

  const model = lookupText(ctx, MODEL_KEYS, ["span"]);
  if (model === undefined && !MODEL_KEYS.some((k) => attrs.bad.has(k)))
    errors.push({ path: `${path}.attributes`, message: `GenAI span has token usage but no model (${MODEL_KEYS.join(", ")})` });
  const provider = lookupText(ctx, PROVIDER_KEYS)?.toLowerCase();
  if (provider === undefined && !PROVIDER_KEYS.some((k) => attrs.bad.has(k)))
    errors.push({ path: `${path}.attributes`, message: `GenAI span has token usage but no provider (${PROVIDER_KEYS.join(", ")})` });

  const traceId = normalizeId(span.traceId, 16);
  if ("message" in traceId) errors.push({ path: `${path}.traceId`, message: traceId.message });
  const spanId = normalizeId(span.spanId, 8);
  if ("message" in spanId) errors.push({ path: `${path}.spanId`, message: spanId.message });
  let parentSpanId: string | undefined;
  if (span.parentSpanId !== undefined && span.parentSpanId !== null && span.parentSpanId !== "") {
    const p = normalizeId(span.parentSpanId, 8);
    if ("message" in p) errors.push({ path: `${path}.parentSpanId`, message: p.message });
    else parentSpanId = p.hex;
  }

  const start = parseNanos(span.startTimeUnixNano);
  const end = parseNanos(span.endTimeUnixNano);
  if (start === "invalid") errors.push({ path: `${path}.startTimeUnixNano`, message: `must be unix nanoseconds as a decimal string or integer (got ${show(span.startTimeUnixNano)})` });
  if (end === "invalid") errors.push({ path: `${path}.endTimeUnixNano`, message: `must be unix nanoseconds as a decimal string or integer (got ${show(span.endTimeUnixNano)})` });
  const when = end !== "invalid" && end !== undefined ? end : start !== "invalid" ? start : undefined;
  if (when === undefined && start !== "invalid" && end !== "invalid")
    errors.push({ path: `${path}.endTimeUnixNano`, message: "is missing, and so is startTimeUnixNano: the call has no time" });

  if (errors.length > before || when === undefined || "message" in traceId || "message" in spanId) return { kind: "rejected" };
  if (input === "invalid" || output === "invalid" || cacheRead === "invalid" || cacheWrite === "invalid" || reasoning === "invalid") return { kind: "rejected" };

  // Some instrumentations count tokens their own way (./otlp-instrumentations): bring them to the convention.
  const tokens = canonicalTokens({ input, output, cacheRead, cacheWrite, reasoning }, tokenReading(ctx.scope, provider));
  const event: Record<string, unknown> = {
    event_id: `otlp-${traceId.hex}-${spanId.hex}`,
    timestamp: Number(when / NS_PER_MS),
    provider,
    model,
    input_tokens: tokens.input ?? 0,
    output_tokens: tokens.output ?? 0,
  };
  if (typeof start === "bigint" && typeof end === "bigint" && end >= start) event.latency_ms = Number((end - start + NS_PER_MS / 2n) / NS_PER_MS);
  if (tokens.cacheRead !== undefined) event.cache_read_tokens = tokens.cacheRead;
  if (tokens.cacheWrite !== undefined) event.cache_write_tokens = tokens.cacheWrite;
  if (tokens.reasoning !== undefined) event.reasoning_tokens = tokens.reasoning;

  const status = isObj(span.status) ? span.status : {};
  if (status.code === 2 || status.code === "STATUS_CODE_ERROR") {
    event.status = "error";
    const errorType = lookupText(ctx, ["error.type"], ["span"]);
    if (errorType !== undefined) event.error_type = errorType;
  } else event.status = "success";

  event.trace_id = traceId.hex;
  event.span_id = spanId.hex;
  if (parentSpanId !== undefined) event.parent_span_id = parentSpanId;

  for (const [field, keys] of DIMENSIONS) {
    const v = lookupText(ctx, keys);
    if (v !== undefined) event[field] = v;
  }
  const service = lookupText(ctx, ["tokenledger.service"]) ?? lookupText(ctx, ["service.name"], ["resource"]);
  if (service !== undefined) event.service = service;
  const environment =
    lookupText(ctx, ["tokenledger.environment"]) ?? lookupText(ctx, ["deployment.environment.name", "deployment.environment"], ["resource"]);
  if (environment !== undefined) event.environment = environment;

  const attempt = lookup(ctx, ["tokenledger.attempt"]);
  if (attempt) {
    const v = attempt.value;
    // A number the schema can judge; anything else is passed as text so validation names the field.
    event.attempt =
      v.t === "int" && v.v <= BigInt(Number.MAX_SAFE_INTEGER) && v.v >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(v.v)
        : v.t === "double"
          ? v.v
          : v.t === "string" && /^\d{1,9}$/.test(v.v)
            ? Number(v.v)
            : asText(v);
  }

  const tags: Record<string, string> = {};
  for (const level of [ctx.resource, attrs]) {
    for (const [key, a] of level.map) {
      if (!key.startsWith(TAG_PREFIX) || key.length === TAG_PREFIX.length) continue;
      const text = asText(a.value);
      if (text !== undefined) tags[key.slice(TAG_PREFIX.length)] = text;
    }
  }
  if (Object.keys(tags).length) event.tags = tags;
  return { kind: "event", event };
}

/** The InstrumentationScope of a ScopeSpans (name and version; an absent scope or field is unknown, not an error). */
function parseScope(v: unknown, path: string, errors: OtlpError[]): InstrumentationScope | undefined {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) {
    errors.push({ path, message: `must be an InstrumentationScope object (got ${show(v)})` });
    return undefined;
  }
  const scope: InstrumentationScope = {};
  for (const field of ["name", "version"] as const) {
    const f = v[field];
    if (f === undefined || f === null || f === "") continue;
    if (typeof f !== "string") {
      errors.push({ path: `${path}.${field}`, message: `must be a string (got ${show(f)})` });
      return undefined;
    }
    scope[field] = f;
  }
  return scope;
}

/** Reads a list field that proto3 JSON may omit; reports a non-array. */
function list(parent: Obj, key: string, path: string, errors: OtlpError[]): unknown[] {
  const v = parent[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    errors.push({ path, message: `must be an array (got ${show(v)})` });
    return [];
  }
  return v;
}

/** Converts an OTLP/HTTP JSON ExportTraceServiceRequest into canonical (unvalidated) usage events. */
export function otlpToEvents(body: unknown): OtlpResult {
  const result: OtlpResult = { events: [], ignoredSpans: 0, spansWithoutUsage: [], rejectedSpans: 0, errors: [] };
  const errors = result.errors;
  if (!isObj(body)) {
    errors.push({ path: "(body)", message: `must be a JSON object with resourceSpans (got ${show(body)})` });
    return result;
  }
  list(body, "resourceSpans", "resourceSpans", errors).forEach((rs, i) => {
    const rsPath = `resourceSpans[${i}]`;
    if (!isObj(rs)) {
      errors.push({ path: rsPath, message: `must be an object (got ${show(rs)})` });
      return;
    }
    let resource: Attrs = { map: new Map(), bad: new Set() };
    if (rs.resource !== undefined && rs.resource !== null) {
      if (!isObj(rs.resource)) {
        errors.push({ path: `${rsPath}.resource`, message: `must be an object (got ${show(rs.resource)})` });
        return; // its spans' ownership is unknown: record none of them rather than misattribute
      }
      resource = parseAttributes(rs.resource.attributes, `${rsPath}.resource.attributes`, errors);
    }
    list(rs, "scopeSpans", `${rsPath}.scopeSpans`, errors).forEach((ss, j) => {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      if (!isObj(ss)) {
        errors.push({ path: ssPath, message: `must be an object (got ${show(ss)})` });
        return;
      }
      const scope = parseScope(ss.scope, `${ssPath}.scope`, errors);
      if (scope === undefined) {
        // How its spans count tokens is unknown: record none rather than misread them, and count them as
        // rejected so the exporter sees a partial success instead of a silent drop.
        result.rejectedSpans += list(ss, "spans", `${ssPath}.spans`, errors).length;
        return;
      }
      list(ss, "spans", `${ssPath}.spans`, errors).forEach((span, k) => {
        const path = `${ssPath}.spans[${k}]`;
        if (!isObj(span)) {
          errors.push({ path, message: `must be an object (got ${show(span)})` });
          return;
        }
        const attrs = parseAttributes(span.attributes, `${path}.attributes`, errors);
        const out = spanToEvent({ path, span, attrs, resource, scope }, errors);
        if (out.kind === "event") result.events.push(out.event);
        else if (out.kind === "ignored") {
          result.ignoredSpans++;
          if (out.modelWithoutUsage !== undefined) result.spansWithoutUsage.push({ path, model: out.modelWithoutUsage });
        }
        else result.rejectedSpans++;
      });
    });
  });
  return result;
}
