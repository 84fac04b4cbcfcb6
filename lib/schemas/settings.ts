import { z } from "zod";

/** Request and response shapes of the settings endpoints (price book, ownership rules, ingest keys, teams). */
const perToken = z.string().trim().regex(/^\d+(\.\d+)?$/, "must be a non-negative decimal (USD per token)");
const optionalPerToken = z.union([perToken, z.literal("").transform(() => null), z.null()]).optional().transform((v) => v ?? null);
const slug = z.string().trim().min(1, "is required").max(64).regex(/^[a-z0-9][a-z0-9-_.]*$/, "use lowercase letters, digits, - _ .");

export const PriceCreate = z.object({
  provider: z.string().trim().min(1, "is required").max(64).transform((s) => s.toLowerCase()),
  model: z.string().trim().min(1, "is required").max(256),
  serviceTier: z.string().trim().max(32).default(""),
  longContextAbove: z.coerce.number().int().min(0).default(0),
  validFrom: z.iso.date("must be a date (YYYY-MM-DD)").transform((d) => new Date(`${d}T00:00:00Z`)),
  inputPerToken: perToken,
  cacheReadPerToken: optionalPerToken,
  cacheWritePerToken: optionalPerToken,
  cacheWrite1hPerToken: optionalPerToken,
  outputPerToken: perToken,
  reasoningPerToken: optionalPerToken,
  batchDiscount: z.string().trim().regex(/^(0(\.\d+)?|1(\.0+)?)$/, "must be a fraction from 0 to 1").default("0"),
  source: z.string().trim().max(500).default(""),
});
export type PriceCreate = z.infer<typeof PriceCreate>;

export const PriceImport = z.object({
  litellm: z.record(z.string(), z.unknown()),
  validFrom: z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`)),
});

export const RULE_FIELD_PATTERN = /^(repo|feature|service|ingest_key|tag:[A-Za-z0-9_.-]{1,64})$/;
export const RuleCreate = z.object({
  field: z.string().regex(RULE_FIELD_PATTERN, "must be repo, feature, service, ingest_key or tag:<name>"),
  matchType: z.enum(["exact", "prefix"]).default("exact"),
  pattern: z.string().trim().min(1, "is required").max(256),
  priority: z.coerce.number().int().min(0).max(100_000).default(100),
  teamSlug: slug,
});

export const KeyCreate = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  teamSlug: z.union([slug, z.literal("")]).optional().transform((v) => v || undefined),
  source: z.string().trim().max(200).optional(),
  rateLimitPerMinute: z.coerce.number().int().min(1).max(1_000_000).default(600),
  allowedTeams: z.array(slug).max(100).default([]),
});

export const TeamCreate = z.object({ slug, name: z.string().trim().min(1, "is required").max(100) });

export const IdParams = z.object({ id: z.string().min(1).max(64) });

// Responses, as the UI reads them (dates arrive as ISO strings).
const nullableDecimal = z.string().nullable();
export const PriceOut = z.object({
  id: z.string(), provider: z.string(), model: z.string(), serviceTier: z.string(), longContextAbove: z.number(), validFrom: z.string(),
  inputPerToken: z.string(), cacheReadPerToken: nullableDecimal, cacheWritePerToken: nullableDecimal, cacheWrite1hPerToken: nullableDecimal,
  outputPerToken: z.string(), reasoningPerToken: nullableDecimal, batchDiscount: z.string(), source: z.string(),
});
export const PricesResponse = z.object({ prices: z.array(PriceOut) });
export const RecomputeResponse = z.object({ months: z.array(z.number()), skippedClosed: z.array(z.number()), rows: z.number(), changed: z.number() });
/** Models ("provider/model") that got their first price, and the reprice of their unpriced events (deferred: why not now). */
export const FirstPriceResponse = z.object({ models: z.array(z.string()), repriced: RecomputeResponse.nullable(), deferred: z.string().nullable() });
export const UpsertResponse = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), skipped: z.number().optional(), firstPrice: FirstPriceResponse.optional() });
export const UnpricedResponse = z.object({ models: z.array(z.object({ provider: z.string(), model: z.string(), events: z.number(), first_seen: z.string(), last_seen: z.string() })) });
export const RuleOut = z.object({ id: z.string(), field: z.string(), matchType: z.string(), pattern: z.string(), priority: z.number(), team: z.string(), createdAt: z.string() });
export const RulesResponse = z.object({ rules: z.array(RuleOut) });
export const KeyOut = z.object({ id: z.string(), name: z.string(), prefix: z.string(), defaultTeam: z.string().nullable(), source: z.string().nullable(), rateLimitPerMinute: z.number(), allowedTeams: z.array(z.string()), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(), createdAt: z.string() });
export const KeysResponse = z.object({ keys: z.array(KeyOut) });
export const KeyCreated = z.object({ id: z.string(), secret: z.string(), prefix: z.string() });
export const TeamOut = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const TeamsResponse = z.object({ teams: z.array(TeamOut) });
/** POST /api/v1/teams answers the stored row. */
export const TeamCreated = TeamOut.extend({ createdAt: z.string(), updatedAt: z.string() });
export const RuleDeleted = z.object({ deleted: RuleOut });
export const AuditOut = z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entityId: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export const AuditResponse = z.object({ entries: z.array(AuditOut) });
/** GET /api/v1/audit: newest first, `limit` entries. */
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

export const UserCreate = z.object({
  email: z.email("must be an email address").max(254),
  name: z.string().trim().max(100).default(""),
  role: z.enum(["admin", "finance", "lead", "viewer"]),
  teams: z.array(slug).max(100).default([]),
  password: z.string().min(12, "must be at least 12 characters").max(1024),
});
export const UserUpdate = z.object({
  role: z.enum(["admin", "finance", "lead", "viewer"]).optional(),
  teams: z.array(slug).max(100).optional(),
  disabled: z.literal(true).optional(),
});
export const TokenCreate = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  role: z.enum(["admin", "finance", "lead", "viewer"]),
  teams: z.array(slug).max(100).default([]),
});
export const UserOut = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), teams: z.array(z.string()), createdAt: z.string(), disabledAt: z.string().nullable() });
export const UsersResponse = z.object({ users: z.array(UserOut) });
export const TokenOut = z.object({ id: z.string(), name: z.string(), prefix: z.string(), role: z.string(), teams: z.array(z.string()), createdBy: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
export const TokensResponse = z.object({ tokens: z.array(TokenOut) });
export const TokenCreated = z.object({ id: z.string(), secret: z.string(), prefix: z.string() });
export const MeResponse = z.object({
  principal: z.object({ kind: z.string(), id: z.string(), name: z.string(), role: z.enum(["admin", "finance", "lead", "viewer"]), teams: z.array(z.string()), all: z.boolean() }),
  scope: z.union([z.object({ all: z.literal(true) }), z.object({ all: z.literal(false), teams: z.array(z.string()) })]),
});
