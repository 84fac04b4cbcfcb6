/**
 * Dimensions a caller may group or filter by (API names). Client-safe: no imports, so the explorer's pickers,
 * the zod schemas and the OpenAPI document share it; lib/clickhouse/fragments.ts maps each to its column.
 */
const NAMES = [
  "team",
  "repo",
  "feature",
  "environment",
  "service",
  "customer",
  "provider",
  "model",
  "status",
  "service_tier",
  "pipeline_stage",
  "user",
  "work_item",
  "pull_request",
  "branch",
  "trigger",
  "error_type",
  "session_id",
] as const;
export type Dimension = (typeof NAMES)[number];
/** In API order (the order of the OpenAPI document and the explorer's pickers). */
export const DIMENSION_NAMES: Dimension[] = [...NAMES];
