/** Ingest limits, enforced by the events and OTLP endpoints and documented in the README. */
export const INGEST_LIMITS = {
  /** Request body as sent (compressed or not). */
  maxBodyBytes: 16 * 1024 * 1024,
  /** Body after gzip decompression. */
  maxDecompressedBytes: 64 * 1024 * 1024,
  /** Events in one request. */
  maxEvents: 10_000,
  /** Any dimension value (team, repo, model, ...). */
  maxDimensionLength: 256,
  /** Tags per event. */
  maxTags: 50,
} as const;
