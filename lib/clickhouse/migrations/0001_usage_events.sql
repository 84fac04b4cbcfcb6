-- One row per billed model-call attempt (PRODUCT.md "The data"). Token counts follow the canonical
-- convention: input_tokens includes cached tokens, output_tokens includes reasoning tokens.
--
-- Money: cost_usd is computed at ingest from the price row in force at ts (price_id records which row) and
-- stored as Decimal(18, 9) (nine decimals: a per-token price such as $0.000000075 times a count is exact).
-- The components the waste metrics need are stamped beside it, so every waste metric is a plain sum.
-- reported_cost_usd is what a gateway said, kept beside ours and never silently preferred.
--
-- ORDER BY (toDate(ts), team, model, ts): every dashboard question starts with a date range, then narrows
-- to a team (chargeback, scoped roles) and a model; rows of one day and team sit together. team is
-- LowCardinality and part of the key, so re-attribution rewrites rows (delete + insert), never ALTER UPDATE.
-- Monthly partitions match accounting periods: a period's rows can be rebuilt or dropped as a unit.
-- event_id has a bloom filter because ingest checks for already-stored ids (idempotency).
CREATE TABLE IF NOT EXISTS usage_events
(
    event_id                String,
    ts                      DateTime64(3, 'UTC'),
    ingested_at             DateTime64(3, 'UTC') DEFAULT now64(3),

    provider                LowCardinality(String),
    model                   LowCardinality(String),
    batch                   Bool DEFAULT false,
    service_tier            LowCardinality(String) DEFAULT '',
    latency_ms              Nullable(UInt32),
    ttft_ms                 Nullable(UInt32),

    input_tokens            UInt64,
    cache_read_tokens       UInt64 DEFAULT 0,
    cache_write_tokens      UInt64 DEFAULT 0,
    cache_write_1h_tokens   UInt64 DEFAULT 0,
    output_tokens           UInt64,
    reasoning_tokens        UInt64 DEFAULT 0,
    delivered_output_tokens Nullable(UInt64),

    status                  LowCardinality(String) DEFAULT 'success',
    error_type              LowCardinality(String) DEFAULT '',

    request_id              String DEFAULT '',
    attempt                 UInt16 DEFAULT 1,

    team                    LowCardinality(String) DEFAULT '',
    team_source             LowCardinality(String) DEFAULT '',
    repo                    LowCardinality(String) DEFAULT '',
    feature                 LowCardinality(String) DEFAULT '',
    environment             LowCardinality(String) DEFAULT '',
    pipeline_stage          LowCardinality(String) DEFAULT '',
    service                 LowCardinality(String) DEFAULT '',
    user                    String DEFAULT '',
    customer                LowCardinality(String) DEFAULT '',
    work_item               String DEFAULT '',
    pull_request            String DEFAULT '',
    branch                  String DEFAULT '',
    trigger                 LowCardinality(String) DEFAULT '',
    ingest_key_id           LowCardinality(String) DEFAULT '',

    trace_id                String DEFAULT '',
    span_id                 String DEFAULT '',
    parent_span_id          String DEFAULT '',
    session_id              String DEFAULT '',

    priced                  Bool DEFAULT false,
    price_id                LowCardinality(String) DEFAULT '',
    cost_usd                Decimal(18, 9) DEFAULT 0,
    reasoning_cost_usd      Decimal(18, 9) DEFAULT 0,
    cache_savings_usd       Decimal(18, 9) DEFAULT 0,
    cancellation_waste_usd  Decimal(18, 9) DEFAULT 0,
    reported_cost_usd       Nullable(Decimal(18, 9)),

    tags                    Map(LowCardinality(String), String),

    INDEX idx_event_id event_id TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_request_id request_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (toDate(ts), team, model, ts);
