-- The retry ledger: makes logical requests and retry waste (PRODUCT.md) sums, so the overview and the
-- explorer answer them from rollups instead of a per-request window over every raw event (measured on
-- 10M events: 1.5-1.9 s per query; the ledger makes it a sum over a few percent of the rows).
--
-- retry_waste holds one row per wasted attempt: an attempt that is not the last attempt of its logical
-- request. The last attempt is the greatest (attempt, ts, event_id) among events sharing the request_id, so
-- for any set of events, logical requests = attempts − wasted attempts, and that identity is what makes
-- requests additive across hours, groups and filters (a request counts where its last attempt falls).
-- The row carries every dimension of its event (so any filter or grouping applies to it, rollup or raw) and
-- its cost. An attempt, once superseded, stays wasted: attempts are only ever added to a request.
-- The writer (lib/clickhouse/retry-ledger.ts) inserts rows after each committed batch, serially, never the
-- same event twice; a month rewrite rebuilds the month's rows from usage_events.
--
-- retried_requests: the request_ids that have an attempt above 1, written by a materialized view. It lets
-- the writer notice an earlier attempt that arrives after a later one without scanning usage_events.
-- Backfill: retried_requests is filled below from the events already stored; retry_waste is rebuilt month
-- by month by lib/boot.ts when it applies this migration (rebuildRetryLedger), since the rule needs code.
CREATE TABLE IF NOT EXISTS retry_waste
(
    event_id                String,
    request_id              String,
    ts                      DateTime64(3, 'UTC'),
    attempt                 UInt16,

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
    pipeline_stage          LowCardinality(String),
    user                    String,
    work_item               String,
    pull_request            String,
    branch                  String,
    trigger                 LowCardinality(String),
    error_type              LowCardinality(String),
    session_id              String,
    batch                   Bool,
    priced                  Bool,

    cost_usd                Decimal(18, 9)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (toStartOfHour(ts), team, request_id, event_id);

CREATE TABLE IF NOT EXISTS retried_requests
(
    request_id              String,
    ts                      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY request_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS retried_requests_mv TO retried_requests AS
SELECT request_id, ts FROM usage_events WHERE request_id != '' AND attempt > 1;

INSERT INTO retried_requests SELECT request_id, ts FROM usage_events WHERE request_id != '' AND attempt > 1;

CREATE TABLE IF NOT EXISTS retry_waste_rewrite AS retry_waste;
