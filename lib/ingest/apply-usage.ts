import { normalizeUsage } from "./provider-usage";

const TOKEN_FIELDS = ["input_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens"] as const;

/**
 * An event may carry a provider-native `usage` object instead of the canonical token fields. Returns the
 * event with canonical counts (the `usage` object removed), or the errors that make it unusable.
 */
export function applyProviderUsage(input: unknown): { event: unknown } | { errors: { path: string; message: string }[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("usage" in input)) return { event: input };
  const { usage, ...rest } = input as Record<string, unknown>;
  const clash = TOKEN_FIELDS.filter((f) => f in rest);
  if (clash.length) return { errors: [{ path: "usage", message: `give either usage or canonical token fields, not both (also found ${clash.join(", ")})` }] };
  const result = normalizeUsage(usage);
  if (!result.ok) return { errors: result.errors };
  return { event: { ...rest, ...result.tokens } };
}
