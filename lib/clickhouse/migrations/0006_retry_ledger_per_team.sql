-- The retry ledger follows PRODUCT.md's sharpened definition (issue 14): a logical request is a request_id
-- within one team (unattributed events: within their ingest key), judged over all its stored attempts in any
-- month, not within a day of each other. The writer (lib/clickhouse/retry-ledger.ts) now re-judges every
-- request a batch touches, so it no longer needs retried_requests (request ids with an attempt above 1).
-- Backfill: the ledger's rows were judged by the old rule; lib/clickhouse/migrate.ts rebuilds every month of
-- retry_waste after applying this migration (rebuildWholeRetryLedger), since the rule needs code.
DROP VIEW IF EXISTS retried_requests_mv;

DROP TABLE IF EXISTS retried_requests;
