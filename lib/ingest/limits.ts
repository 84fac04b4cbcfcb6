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

/**
 * The most tokens (input + output) one call may report before it is rejected as implausible: no model takes
 * or writes 10M tokens in one call, so such an event is a unit or parsing bug upstream, and storing it would put
 * a five- or six-figure line on someone's chargeback. Set with TOKENLEDGER_MAX_TOKENS_PER_EVENT (lib/env.ts).
 */
export const DEFAULT_MAX_TOKENS_PER_EVENT = 10_000_000;

/**
 * Characters no dimension value may hold: NUL, and the Unicode bidirectional controls (U+061C, U+200E/U+200F,
 * U+202A–U+202E, U+2066–U+2069), which make a value display as other text ("Trojan Source") in tables, CSV
 * files and filters, so two teams or repos could look the same and be different.
 */
export const FORBIDDEN_IN_DIMENSIONS = /[\u0000\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
