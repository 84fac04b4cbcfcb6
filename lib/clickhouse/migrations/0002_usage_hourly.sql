-- Hourly rollup of usage_events, the table the overview and most explorer questions read.
-- Hourly (not daily) so that days can be cut in any whole-hour time zone from the rollup.
-- Dimensions are the ones the dashboard groups and filters by; every measure is a sum, so a row
-- merges with its twins (AggregatingMergeTree with SimpleAggregateFunction(sum)) and queries must still
-- sum() over GROUP BY, since merges happen in the background.
-- Logical requests and retry waste need per-request analysis and are answered from raw events.
-- Backfill: none needed, this migration ships with the first version (the table starts empty); a later
-- rebuild is `INSERT INTO usage_hourly SELECT ... FROM usage_events` for the affected partitions.
CREATE TABLE IF NOT EXISTS usage_hourly
(
    hour                    DateTime('UTC'),
    team                    LowCardinality(String),
    repo                    LowCardinality(String),
    feature                 LowCardinality(String),
    environment             LowCardinality(String),
    service                 LowCardinality(String),
    customer                LowCardinality(String),
    provider                LowCardinality(String),
    model                   LowCardinality(String),
    status                  LowCardinality(String),
    service_tier            LowCardinality(String),
    batch                   Bool,
    priced                  Bool,

    attempts                SimpleAggregateFunction(sum, UInt64),
    input_tokens            SimpleAggregateFunction(sum, UInt64),
    cache_read_tokens       SimpleAggregateFunction(sum, UInt64),
    cache_write_tokens      SimpleAggregateFunction(sum, UInt64),
    output_tokens           SimpleAggregateFunction(sum, UInt64),
    reasoning_tokens        SimpleAggregateFunction(sum, UInt64),
    cost_usd                SimpleAggregateFunction(sum, Decimal(38, 9)),
    reasoning_cost_usd      SimpleAggregateFunction(sum, Decimal(38, 9)),
    cache_savings_usd       SimpleAggregateFunction(sum, Decimal(38, 9)),
    cancellation_waste_usd  SimpleAggregateFunction(sum, Decimal(38, 9))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, team, model, provider, repo, feature, environment, service, customer, status, service_tier, batch, priced);

CREATE MATERIALIZED VIEW IF NOT EXISTS usage_hourly_mv TO usage_hourly AS
SELECT
    toStartOfHour(ts) AS hour,
    team, repo, feature, environment, service, customer, provider, model, status, service_tier, batch, priced,
    count() AS attempts,
    sum(input_tokens) AS input_tokens,
    sum(cache_read_tokens) AS cache_read_tokens,
    sum(cache_write_tokens) AS cache_write_tokens,
    sum(output_tokens) AS output_tokens,
    sum(reasoning_tokens) AS reasoning_tokens,
    sum(toDecimal128(cost_usd, 9)) AS cost_usd,
    sum(toDecimal128(reasoning_cost_usd, 9)) AS reasoning_cost_usd,
    sum(toDecimal128(cache_savings_usd, 9)) AS cache_savings_usd,
    sum(toDecimal128(cancellation_waste_usd, 9)) AS cancellation_waste_usd
FROM usage_events
GROUP BY hour, team, repo, feature, environment, service, customer, provider, model, status, service_tier, batch, priced;
