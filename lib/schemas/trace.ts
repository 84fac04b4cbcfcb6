import { z } from "zod";
import { DateRangeFields, money, withRangeChecks } from "./summary";

/**
 * The trace view (GET /api/v1/traces/{id}) and the top-traces list (GET /api/v1/traces). Strict schemas, so
 * they can be parsed in tests and go into an OpenAPI document as they are. Money as 9-decimal strings, tokens
 * and counts as integers, times as ISO 8601 UTC strings.
 */

/** A trace_id or request_id: 1..200 printable characters (no control, format or unassigned code points). */
export const TraceId = z
  .string()
  .min(1, "is required")
  .max(200, "must be at most 200 characters")
  .regex(/^[^\p{C}]+$/u, "must be printable characters only");

/** GET /api/v1/traces/{id}: the path parameter; no query parameters. */
export const TraceParams = z.object({ id: TraceId });
export const TraceQuery = z.object({}).strict();

/** GET /api/v1/traces: from, to, tz, limit; dimension filters (DIM=VALUE, exclude_DIM=VALUE) beside them. */
export const TOP_TRACES_MAX = 200;
export const TopTracesQuery = withRangeChecks(
  z.object({
    ...DateRangeFields,
    limit: z.coerce.number().int().min(1).max(TOP_TRACES_MAX).default(50),
  }),
);
export type TopTracesQuery = z.infer<typeof TopTracesQuery>;

const count = z.number().int().min(0);
const tokens = {
  input_tokens: count,
  cache_read_tokens: count,
  cache_write_tokens: count,
  output_tokens: count,
  reasoning_tokens: count,
};

export const TraceAttempt = z
  .object({
    event_id: z.string(),
    span_id: z.string(),
    attempt: z.number().int().min(1),
    status: z.string(),
    error_type: z.string(),
    start: z.string(),
    latency_ms: z.number().int().nullable(),
    cost_usd: money,
    priced: z.boolean(),
    /** Not the last attempt of its request: its cost is retry waste. */
    wasted: z.boolean(),
  })
  .strict();
export type TraceAttempt = z.infer<typeof TraceAttempt>;

/** One call: the attempts of one span (or one logical request), listed in depth-first order of the tree. */
export const TraceNode = z
  .object({
    id: z.string(),
    parent_id: z.string().nullable(),
    depth: z.number().int().min(0),
    /** A root whose parent span is not in the trace (missing, or outside the caller's teams). */
    orphan: z.boolean(),
    span_id: z.string(),
    parent_span_id: z.string(),
    request_id: z.string(),
    service: z.string(),
    /** "" = unattributed. */
    team: z.string(),
    /** The team of this node's root: the team the cost is originated by. */
    origin_team: z.string(),
    feature: z.string(),
    provider: z.string(),
    model: z.string(),
    ...tokens,
    cost_usd: money,
    /** This node and everything below it. */
    subtree_cost_usd: money,
    retry_waste_usd: money,
    status: z.string(),
    attempts: z.number().int().min(1),
    attempt_list: z.array(TraceAttempt),
    unpriced_attempts: count,
    start: z.string(),
    /** The last attempt's latency. */
    latency_ms: z.number().int().nullable(),
    /** From the first attempt's start to the last attempt's end (retries and backoff included). */
    elapsed_ms: z.number().int().nullable(),
  })
  .strict();
export type TraceNode = z.infer<typeof TraceNode>;

export const TeamCost = z.object({ team: z.string(), cost_usd: money, attempts: count }).strict();
export type TeamCost = z.infer<typeof TeamCost>;

export const TraceTotals = z
  .object({
    cost_usd: money,
    retry_waste_usd: money,
    spans: count,
    attempts: count,
    roots: count,
    unpriced_attempts: count,
    ...tokens,
  })
  .strict();
export type TraceTotals = z.infer<typeof TraceTotals>;

/** One value of a context dimension among the trace's events, with the cost and attempts that carry it. */
export const ContextValue = z.object({ value: z.string(), cost_usd: money, attempts: count }).strict();
/** The session, user, work item, pull request, branch and trigger of a trace: every value its events carry, most cost first. */
export const TraceContext = z
  .object({
    session_id: z.array(ContextValue),
    user: z.array(ContextValue),
    work_item: z.array(ContextValue),
    pull_request: z.array(ContextValue),
    branch: z.array(ContextValue),
    trigger: z.array(ContextValue),
  })
  .strict();
export type TraceContext = z.infer<typeof TraceContext>;

export const TraceResponse = z
  .object({
    /** What was asked for. */
    id: z.string(),
    found_by: z.enum(["trace_id", "request_id"]),
    /** The trace the id resolved to; "" when a request's events carry no trace_id. */
    trace_id: z.string(),
    start: z.string(),
    end: z.string(),
    total: TraceTotals,
    nodes: z.array(TraceNode),
    /** Each event's own team. Sums exactly to total.cost_usd. */
    by_executing_team: z.array(TeamCost),
    /** The team of the root of each event's tree. Sums exactly to total.cost_usd. */
    by_originating_team: z.array(TeamCost),
    context: TraceContext,
    /** More events than `event_limit`: the view shows the earliest ones only. */
    truncated: z.boolean(),
    event_limit: z.number().int(),
  })
  .strict();
export type TraceResponse = z.infer<typeof TraceResponse>;

export const TopTrace = z
  .object({
    trace_id: z.string(),
    root_service: z.string(),
    root_team: z.string(),
    root_feature: z.string(),
    spans: count,
    attempts: count,
    /** Cost of the trace's events matching the filters (ranks the list). */
    matched_cost_usd: money,
    /** Cost of all the trace's events in the range and the caller's scope. */
    cost_usd: money,
    retry_waste_usd: money,
    start: z.string(),
  })
  .strict();
export type TopTrace = z.infer<typeof TopTrace>;

export const TopTracesResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    limit: z.number().int(),
    traces: z.array(TopTrace),
  })
  .strict();
export type TopTracesResponse = z.infer<typeof TopTracesResponse>;
