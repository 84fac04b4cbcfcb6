/**
 * The query benchmark's data: N usage events over D days generated inside the engine (INSERT ... SELECT
 * FROM numbers()), shaped like a real organisation's traffic rather than uniform noise, because rollup
 * sizes and query times depend on it:
 * - 60 features with Zipf-like volume; a feature belongs to one of 12 teams, one repo and one service, and
 *   mostly uses one model (20 % of its calls go to a second one); one feature in three serves end
 *   customers (300, Zipf-like); environments prod/staging/ci/eval/dev.
 * - Events come in pairs sharing every dimension; 4 % of pairs are one logical request whose first attempt
 *   failed (error or timeout) and was retried, and during a 5-hour "retry storm" on day D−10 every pair of
 *   the rag-api service is. Otherwise each event is its own request. 1 % of successes are cancelled.
 * - Costs are exact: integer nano-dollars per token × tokens, written as Decimal(18, 9).
 * Bench-only SQL: the app never generates data this way.
 */
export const TEAMS = ["platform", "search", "growth", "support-ai", "billing", "data", "mobile", "web", "infra", "security", "ml-research", "sales-eng"];
// [provider, model, input, cache read, output] in nano-dollars per token (= USD per million tokens × 1000).
export const MODELS: [string, string, number, number, number][] = [
  ["openai", "gpt-4.1", 2000, 500, 8000],
  ["openai", "gpt-4.1-mini", 400, 100, 1600],
  ["openai", "gpt-4o-mini", 150, 75, 600],
  ["openai", "o3", 2000, 500, 8000],
  ["openai", "o4-mini", 1100, 275, 4400],
  ["openai", "gpt-5", 1250, 125, 10000],
  ["openai", "gpt-5-mini", 250, 25, 2000],
  ["anthropic", "claude-sonnet-4-5", 3000, 300, 15000],
  ["anthropic", "claude-haiku-4-5", 1000, 100, 5000],
  ["anthropic", "claude-opus-4-1", 15000, 1500, 75000],
  ["google", "gemini-2.5-flash", 300, 75, 2500],
  ["google", "gemini-2.5-pro", 1250, 310, 10000],
  ["mistral", "mistral-large", 2000, 2000, 6000],
  ["openai", "text-embedding-3-small", 20, 20, 0],
  ["anthropic", "claude-3-5-haiku", 800, 80, 4000],
];
const REASONING_MODELS = ["o3", "o4-mini", "gpt-5", "gpt-5-mini"];

const arr = (xs: (string | number)[]) => `[${xs.map((x) => (typeof x === "number" ? String(x) : `'${x}'`)).join(", ")}]`;

/** The INSERT that generates `n` events in [start, start + days) (UTC ms). */
export function generateSql(n: number, startMs: number, days: number): string {
  const span = days * 86_400_000;
  const stormStart = startMs + (days - 10) * 86_400_000 + 14 * 3_600_000;
  return `
  INSERT INTO usage_events (event_id, ts, provider, model, input_tokens, cache_read_tokens, output_tokens, reasoning_tokens,
    status, error_type, request_id, attempt, team, team_source, repo, feature, environment, pipeline_stage, service, user, customer,
    trigger, trace_id, span_id, session_id, priced, cost_usd, reasoning_cost_usd, cache_savings_usd, cancellation_waste_usd)
  SELECT
    concat('ev-', toString(number)) AS event_id,
    ts, provider, model, input_tokens, cache_read_tokens, output_tokens, reasoning_tokens,
    status, if(status IN ('error', 'timeout'), if(status = 'error', 'server_error', 'timeout'), '') AS error_type,
    if(retried, concat('req-p', toString(pair)), concat('req-e', toString(number))) AS request_id,
    if(retried, toUInt16(second + 1), toUInt16(1)) AS attempt,
    team, 'event' AS team_source, repo, feature, environment,
    ${arr(["plan", "retrieve", "answer", "summarize"])}[1 + pair % 4] AS pipeline_stage,
    service, concat('user-', toString(cityHash64(pair, 'u') % 5000)) AS user, customer,
    ${arr(["user", "background", "scheduled", "eval"])}[1 + cityHash64(pair, 'tr') % 4] AS trigger,
    concat('tr-', toString(intDiv(pair, 3))) AS trace_id, concat('sp-', toString(number)) AS span_id,
    concat('ses-', toString(cityHash64(pair, 's') % 200000)) AS session_id,
    true AS priced,
    toDecimal128(nano_text(cost_nano), 9) AS cost_usd,
    toDecimal128(nano_text(reasoning_tokens * p_out), 9) AS reasoning_cost_usd,
    toDecimal128(nano_text(cache_read_tokens * (p_in - p_cr)), 9) AS cache_savings_usd,
    toDecimal128(nano_text(if(status = 'cancelled', intDiv(output_tokens * 7, 10) * p_out, 0)), 9) AS cancellation_waste_usd
  FROM (
    SELECT number, pair, second, f, team, repo, feature, service, customer, environment, model_idx, retried,
      ${arr(MODELS.map((m) => m[0]))}[model_idx] AS provider,
      ${arr(MODELS.map((m) => m[1]))}[model_idx] AS model,
      toUInt64(${arr(MODELS.map((m) => m[2]))}[model_idx]) AS p_in,
      toUInt64(${arr(MODELS.map((m) => m[3]))}[model_idx]) AS p_cr,
      toUInt64(${arr(MODELS.map((m) => m[4]))}[model_idx]) AS p_out,
      toDateTime64((${startMs} + intDiv(pair * 2 * ${span}, ${n}) + second * (1000 + cityHash64(number) % 3000)) / 1000, 3, 'UTC') AS ts,
      toUInt64(200 + cityHash64(pair, 'in') % 8000) AS input_tokens,
      toUInt64(if(cityHash64(pair, 'c') % 10 < 6, intDiv(input_tokens * (cityHash64(pair, 'cr') % 90), 100), 0)) AS cache_read_tokens,
      toUInt64(if(model = 'text-embedding-3-small', 0, 20 + cityHash64(pair, 'out') % 1500)) AS output_tokens,
      toUInt64(if(model IN ${arr(REASONING_MODELS)}, intDiv(output_tokens * (30 + cityHash64(pair, 'r') % 60), 100), 0)) AS reasoning_tokens,
      multiIf(retried AND second = 0, if(cityHash64(pair, 'e') % 2 = 0, 'error', 'timeout'), cityHash64(number, 'x') % 100 = 0, 'cancelled', 'success') AS status,
      (input_tokens - cache_read_tokens) * p_in + cache_read_tokens * p_cr + output_tokens * p_out AS cost_nano
    FROM (
      SELECT number, intDiv(number, 2) AS pair, number % 2 AS second,
        toUInt32(floor(pow((cityHash64(pair, 'f') % 1000000) / 1000000, 2.2) * 60)) AS f,
        ${arr(TEAMS)}[1 + f % ${TEAMS.length}] AS team,
        concat(team, '/', ${arr(["api", "web", "worker", "agents", "jobs"])}[1 + intDiv(f, ${TEAMS.length}) % 5]) AS repo,
        if(f = 7, 'rag-answer', concat('feature-', toString(f))) AS feature,
        if(f = 7, 'rag-api', concat(team, '-svc-', toString(f % 3))) AS service,
        if(f % 3 = 0, concat('cust-', toString(toUInt32(floor(pow((cityHash64(pair, 'cu') % 1000000) / 1000000, 3) * 300)))), '') AS customer,
        ${arr(["prod", "prod", "prod", "prod", "staging", "ci", "eval", "dev"])}[1 + cityHash64(pair, 'env') % 8] AS environment,
        1 + (f * 7 + if(cityHash64(pair, 'm') % 10 < 2, 1, 0)) % ${MODELS.length} AS model_idx,
        cityHash64(pair, 'retry') % 100 < 4
          OR (service = 'rag-api' AND ${startMs} + intDiv(pair * 2 * ${span}, ${n}) BETWEEN ${stormStart} AND ${stormStart + 5 * 3_600_000}) AS retried
      FROM numbers(${n})
    )
  )
  SETTINGS max_insert_threads = 2`;
}

/** Nano-dollar integer → exact decimal text, defined as a SQL function once per store. */
export const NANO_TEXT_FUNCTION = `
  CREATE FUNCTION IF NOT EXISTS nano_text AS (c) -> concat(toString(intDiv(c, 1000000000)), '.', leftPad(toString(c % 1000000000), 9, '0'))`;
