import { defineOperations, json } from "@/lib/api/operation";
import { DIMENSION_NAMES } from "@/lib/dimensions";
import { DRIVERS } from "@/lib/finops/change-decomposition";
import { DRIVER_INFO } from "@/lib/finops/change-drivers";
import { ChangeQuery, ChangeResponse, CONTRIBUTOR_DIMENSIONS } from "@/lib/schemas/change";
import { OverviewQuery, OverviewResponse } from "@/lib/schemas/overview";
import { SummaryQuery, SummaryResponse } from "@/lib/schemas/summary";
import { TimeseriesQuery, TimeseriesResponse } from "@/lib/schemas/timeseries";
import { TopTracesQuery, TopTracesResponse, TraceId, TraceQuery, TraceResponse } from "@/lib/schemas/trace";

/** The spend queries: every number the UI shows comes from one of these. */

const SCOPE =
  "Figures cover only the caller's teams: admin and finance see every team (unattributed spend, `team` = \"\", included); a lead or viewer sees the teams assigned to them, and asking for another team's data gives nothing rather than an error.";
const MONEY = "Money is a decimal string with exactly 9 decimals (USD); tokens and counts are integers; ratios are numbers (0 when the denominator is 0).";
const RANGE = {
  from: "First day of the range (inclusive), YYYY-MM-DD in `tz`.",
  to: "Day after the last day (exclusive), YYYY-MM-DD in `tz`; at most 400 days after `from`.",
  tz: "IANA time zone the days are cut in (default UTC).",
};
const FILTERS = `Dimension filters: \`DIM=VALUE\` keeps events whose dimension is one of the values (repeat the parameter for several), \`exclude_DIM=VALUE\` leaves them out; DIM is one of ${DIMENSION_NAMES.join(", ")}. Any other parameter is a 400.`;

export const spend = defineOperations({
  getSummary: {
    method: "get",
    path: "/api/v1/summary",
    tag: "Spend",
    summary: "Every measure in total and per group",
    description: `The total and, with \`group_by\`, one entry per group (sorted by \`sort\`, biggest cost first by default) from one query, so they always agree. With \`limit\` only that page of groups comes back (\`group_count\` says how many there are) and \`other\` sums every group left off the page, so groups + other = total exactly; without it every group comes back (what an export wants). ${FILTERS} ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: SummaryQuery,
    queryDocs: {
      ...RANGE,
      group_by: `One dimension, or two as "a,b" (groups then carry key and key2): ${DIMENSION_NAMES.join(", ")}.`,
      sort: "Order of the groups: key, key2 or a measure (a SummaryMeasures property); default cost_usd. Ties go by key, then key2, ascending.",
      dir: "desc (default) or asc.",
      limit: "At most this many groups (1 to 5000); the rest are summed into `other`. Omit for every group.",
      offset: "Skip this many sorted groups first (default 0).",
      search: "Only the groups whose key (or key2) contains this text, case-insensitively; \"unattributed\" finds the empty key. `group_count` and `other` then count and sum what the search left off too.",
      until: "An instant (ISO 8601, e.g. 2026-10-29T14:00:00Z) to end the range at instead of the end of `to`'s last day, within that day: the same-elapsed-time baseline of a period that is not over, as the overview's `comparison.previous_until` gives it.",
    },
    filters: true,
    errors: ["unavailable"],
    responses: { "200": json("The total and the groups.", "SummaryResponse", SummaryResponse) },
  },
  getOverview: {
    method: "get",
    path: "/api/v1/overview",
    tag: "Spend",
    summary: "The overview page's figures",
    description: `Spend of [from, to) against the period before it: the previous month, quarter or week when [from, to) is one of the organisation's calendar (October against September), else the same length just before; a range that holds today against the same elapsed time of that period (\`comparison\` says which). A daily trend stacked by \`stack\`, and the top contributors of team, repo, feature, model and customer. Without from and to: the last 30 UTC days, today included. No dimension filters (other parameters are ignored). ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: OverviewQuery,
    queryDocs: { from: `${RANGE.from} Give both from and to, or neither.`, to: RANGE.to, tz: RANGE.tz, stack: "The dimension the daily trend is stacked by." },
    errors: ["unavailable"],
    responses: { "200": json("The overview.", "OverviewResponse", OverviewResponse) },
  },
  getChange: {
    method: "get",
    path: "/api/v1/change",
    tag: "Spend",
    summary: "Why spend changed: drivers and who carries them",
    description: `The change of cost between a baseline period and [from, to), split exactly into drivers (${DRIVERS.join(", ")}) that sum to \`change_usd\` with \`residual_usd\` (shown, normally 0.000000000). Method: the Shapley value of the factors of a per-provider×model cost identity (requests × mix share × attempts per request × tokens per attempt × cache, reasoning and cancellation shares × price), in exact decimals. Drivers: ${DRIVERS.map((d) => `**${d}**: ${DRIVER_INFO[d].definition}`).join(" ")} Each driver lists its contributors among ${CONTRIBUTOR_DIMENSIONS.join(", ")}, in the driver's direction first: for a model, its own part of the decomposition (models add up to the driver); for the other dimensions, the driver's amount in that value's slice decomposed alone (share = amount / the driver's amount, so those shares need not sum to 1). ${FILTERS} ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: ChangeQuery,
    queryDocs: {
      ...RANGE,
      base_from: "First day of the baseline (inclusive), YYYY-MM-DD in `tz`. Default: the overview's comparison period (the previous month, quarter or week of the organisation's calendar, else the same length before `from`; cut to the same elapsed time when [from, to) holds today, see `baseline.until` and `baseline.label`). Give both base_from and base_to, or neither.",
      base_to: "Day after the baseline's last day (exclusive).",
      baseline_from: "Synonym of base_from.",
      baseline_to: "Synonym of base_to.",
    },
    filters: true,
    responses: { "200": json("The two periods, the change and its drivers.", "ChangeResponse", ChangeResponse) },
  },
  getTimeseries: {
    method: "get",
    path: "/api/v1/timeseries",
    tag: "Spend",
    summary: "One measure per day or hour",
    description: `One metric per time bucket of [from, to) in tz, optionally split by a dimension into its \`top\` groups and "(other)". ${FILTERS} ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: TimeseriesQuery,
    queryDocs: {
      ...RANGE,
      bucket: "day, or hour (hourly buckets need a range of at most 31 days).",
      metric: "The measure per bucket (a SummaryMeasures property); money metrics come as 9-decimal strings.",
      group_by: "Split into one series per value of this dimension.",
      top: "With group_by: how many series; the rest are summed into \"(other)\".",
    },
    filters: true,
    errors: ["unavailable"],
    responses: { "200": json("Buckets, totals per bucket and the series.", "TimeseriesResponse", TimeseriesResponse) },
  },
  listTopTraces: {
    method: "get",
    path: "/api/v1/traces",
    tag: "Spend",
    summary: "The most expensive traces",
    description: `Traces with an event matching the filters in the range, ranked by the cost of the matching events; each also has the cost of all its events in the range and the caller's scope. ${FILTERS} ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: TopTracesQuery,
    queryDocs: { ...RANGE, limit: "How many traces (default 50, at most 200)." },
    filters: true,
    errors: ["unavailable"],
    responses: { "200": json("The traces, most expensive first.", "TopTracesResponse", TopTracesResponse) },
  },
  getTrace: {
    method: "get",
    path: "/api/v1/traces/{id}",
    tag: "Spend",
    summary: "One trace: call graph and who pays",
    description: `The calls of a trace in depth-first order with their attempts, the total, and the cost by executing and by originating team (each sums exactly to the total). Other teams' events are hidden entirely for a lead or viewer. Takes no query parameters (any is a 400). ${SCOPE} ${MONEY}`,
    auth: { permission: "spend:read" },
    query: TraceQuery,
    pathParams: { id: { schema: TraceId, description: "A trace_id, or a request_id (its trace, or just its events when they carry no trace_id). URL-encode it." } },
    responses: { "200": json("The trace.", "TraceResponse", TraceResponse) },
    errors: ["bad_request", "not_found", "unavailable"],
  },
});
