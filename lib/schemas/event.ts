import { z } from "zod";
import { env } from "@/lib/env";
import { FORBIDDEN_IN_DIMENSIONS, INGEST_LIMITS } from "@/lib/ingest/limits";

/** Canonical usage event on the wire (PRODUCT.md "The data"): snake_case, one per billed call attempt. */
const tokenCount = z.number().int("must be a whole number").min(0, "must not be negative").max(1e12, "is implausibly large");
const noControls = (s: string) => !FORBIDDEN_IN_DIMENSIONS.test(s);
const CONTROLS_MESSAGE = "must not contain NUL or bidirectional-control characters (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C)";
const dim = z.string().max(INGEST_LIMITS.maxDimensionLength, `must be at most ${INGEST_LIMITS.maxDimensionLength} characters`);
/** Provider and model as priced and grouped: trimmed and lower case, so `GPT-4.1` and `gpt-4.1` are one model. */
const name = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "is required")
  .max(INGEST_LIMITS.maxDimensionLength, `must be at most ${INGEST_LIMITS.maxDimensionLength} characters`);

export const STATUSES = ["success", "error", "rate_limited", "timeout", "cancelled"] as const;

export const UsageEventInput = z
  .object({
    event_id: z.string().min(1, "is required").max(128, "must be at most 128 characters"),
    timestamp: z.union([z.string(), z.number()]),
    provider: name,
    model: name,
    batch: z.boolean().default(false),
    service_tier: dim.default(""),
    latency_ms: z.number().int().min(0).max(86_400_000).optional(),
    ttft_ms: z.number().int().min(0).max(86_400_000).optional(),
    input_tokens: tokenCount,
    cache_read_tokens: tokenCount.default(0),
    cache_write_tokens: tokenCount.default(0),
    cache_write_1h_tokens: tokenCount.default(0),
    output_tokens: tokenCount,
    reasoning_tokens: tokenCount.default(0),
    delivered_output_tokens: tokenCount.optional(),
    status: z.enum(STATUSES).default("success"),
    error_type: dim.default(""),
    request_id: dim.default(""),
    attempt: z.number().int().min(1, "must be 1 or more").max(1000).default(1),
    team: dim.default(""),
    repo: dim.default(""),
    feature: dim.default(""),
    environment: dim.default(""),
    pipeline_stage: dim.default(""),
    service: dim.default(""),
    user: dim.default(""),
    customer: dim.default(""),
    work_item: dim.default(""),
    pull_request: dim.default(""),
    branch: dim.default(""),
    trigger: dim.default(""),
    trace_id: dim.default(""),
    span_id: dim.default(""),
    parent_span_id: dim.default(""),
    session_id: dim.default(""),
    cost_usd: z.union([z.string().regex(/^\d{1,9}(\.\d{1,9})?$/, "must be a non-negative decimal below 1,000,000,000"), z.number().min(0).lt(1e9, "must be below 1,000,000,000")]).optional(),
    tags: z
      .record(z.string().min(1).max(128, "tag names must be at most 128 characters"), z.string().max(1024, "tag values must be at most 1024 characters"))
      .refine((t) => Object.keys(t).length <= INGEST_LIMITS.maxTags, `at most ${INGEST_LIMITS.maxTags} tags per event`)
      .default({}),
  })
  .superRefine((e, ctx) => {
    // One pass over every string value (cheaper than a refinement per field: this runs for every ingested event).
    for (const [field, v] of Object.entries(e)) {
      if (typeof v === "string" && !noControls(v)) ctx.addIssue({ code: "custom", path: [field], message: CONTROLS_MESSAGE });
    }
    for (const [k, v] of Object.entries(e.tags)) {
      if (!noControls(k) || !noControls(v)) ctx.addIssue({ code: "custom", path: ["tags", k], message: CONTROLS_MESSAGE });
    }
    // Cross-field checks only between counts that are themselves valid, so one bad field gives one error.
    const valid = (...ns: (number | undefined)[]) => ns.every((n) => n === undefined || (Number.isInteger(n) && n >= 0));
    if (!valid(e.input_tokens, e.output_tokens, e.cache_read_tokens, e.cache_write_tokens, e.cache_write_1h_tokens, e.reasoning_tokens, e.delivered_output_tokens)) return;
    const max = env().TOKENLEDGER_MAX_TOKENS_PER_EVENT;
    if (e.input_tokens + e.output_tokens > max)
      ctx.addIssue({
        code: "custom",
        path: ["input_tokens"],
        message: `input_tokens + output_tokens = ${e.input_tokens + e.output_tokens} is implausible for one call (the limit is ${max}, set by TOKENLEDGER_MAX_TOKENS_PER_EVENT)`,
      });
    if (e.cache_read_tokens + e.cache_write_tokens > e.input_tokens)
      ctx.addIssue({ code: "custom", path: ["cache_read_tokens"], message: "cache_read_tokens + cache_write_tokens exceed input_tokens" });
    if (e.cache_write_1h_tokens > e.cache_write_tokens)
      ctx.addIssue({ code: "custom", path: ["cache_write_1h_tokens"], message: "exceeds cache_write_tokens" });
    if (e.reasoning_tokens > e.output_tokens)
      ctx.addIssue({ code: "custom", path: ["reasoning_tokens"], message: "exceeds output_tokens" });
    if (e.delivered_output_tokens !== undefined && e.delivered_output_tokens > e.output_tokens)
      ctx.addIssue({ code: "custom", path: ["delivered_output_tokens"], message: "exceeds output_tokens" });
  });
export type UsageEventInput = z.input<typeof UsageEventInput>;
export type UsageEvent = z.output<typeof UsageEventInput>;
