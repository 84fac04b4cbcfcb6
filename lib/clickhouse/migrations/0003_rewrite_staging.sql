-- Staging tables for rewriting a month of events atomically (repricing after a price correction,
-- re-applying ownership rules to open periods). A rewrite fills usage_events_rewrite with the corrected
-- rows of one partition; usage_hourly_rewrite_mv rolls them up into usage_hourly_rewrite exactly as
-- usage_hourly_mv does for live inserts; then ALTER TABLE ... REPLACE PARTITION swaps both partitions in.
-- Backfill: none (staging tables are empty between rewrites).
CREATE TABLE IF NOT EXISTS usage_events_rewrite AS usage_events;

CREATE TABLE IF NOT EXISTS usage_hourly_rewrite AS usage_hourly;

CREATE MATERIALIZED VIEW IF NOT EXISTS usage_hourly_rewrite_mv TO usage_hourly_rewrite AS
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
FROM usage_events_rewrite
GROUP BY hour, team, repo, feature, environment, service, customer, provider, model, status, service_tier, batch, priced;
