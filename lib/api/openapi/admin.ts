import { RevokedResponse } from "@/lib/schemas/api";
import {
  AuditQuery,
  AuditResponse,
  IdParams,
  KeyCreate,
  KeyCreated,
  KeysResponse,
  PriceCreate,
  PriceImport,
  PricesResponse,
  RecomputeResponse,
  RuleCreate,
  RuleDeleted,
  RuleOut,
  RulesResponse,
  TeamCreate,
  TeamCreated,
  TeamsResponse,
  TokenCreate,
  TokenCreated,
  TokensResponse,
  UnpricedResponse,
  UpsertResponse,
  UserCreate,
  UserOut,
  UserUpdate,
  UsersResponse,
} from "@/lib/schemas/settings";
import { OrgSettingsOut, OrgSettingsUpdate } from "@/lib/schemas/org-settings";
import type { Spec } from "./builder";

/**
 * Settings and administration: price book, ownership rules, ingest keys, API tokens, users, teams, audit log.
 * Every change is recorded in the audit log with its actor.
 */

const id = (what: string) => ({ id: { schema: IdParams.shape.id, description: `The ${what}'s id.` } });
const RECOMPUTE =
  "Rewrites every open month (closed periods never change) atomically, raw events and rollups together; recorded in the audit log. `months` and `skippedClosed` are months as YYYYMM numbers; `rows` were read, `changed` differed.";

export function addAdmin(spec: Spec): void {
  const recompute = () => spec.json("What was recomputed.", "RecomputeResponse", RecomputeResponse);
  const upsert = () => spec.json("Rows created, corrected (updated) and unchanged.", "UpsertResponse", UpsertResponse);

  // Prices
  let tag = "Prices";
  spec.add("get", "/api/v1/prices", { id: "listPrices", tag, summary: "The price book", description: "Every effective-dated row. Prices are USD per token as decimal strings.", auth: { permission: "settings:read" }, responses: { "200": spec.json("The rows.", "PricesResponse", PricesResponse) } });
  spec.add("post", "/api/v1/prices", {
    id: "savePrice",
    tag,
    summary: "Add or correct a price row",
    description: "Same provider, model, service tier, long-context threshold and valid_from: corrects that row. Prices are USD per token as decimal strings. Provider and model are stored trimmed and lower case. A model's first price applies to its whole history: its unpriced events of open periods are priced at once by the audited reprice (`firstPrice` says which models and what changed). Later prices take effect from their valid_from; stored events are repriced by POST /api/v1/prices/reprice.",
    auth: { permission: "prices:write" },
    body: { name: "PriceCreate", schema: PriceCreate },
    responses: { "200": upsert() },
  });
  spec.add("post", "/api/v1/prices/import", {
    id: "importLitellmPrices",
    tag,
    summary: "Import LiteLLM's price file",
    description: "`litellm` is the contents of LiteLLM's model_prices_and_context_window.json; every model it prices gets a row valid from `validFrom`. Entries it cannot use are counted in `skipped`. Models priced for the first time have their unpriced events of open periods priced at once (`firstPrice`), as for a single row.",
    auth: { permission: "prices:write" },
    body: { name: "PriceImport", schema: PriceImport },
    responses: { "200": upsert() },
  });
  spec.add("post", "/api/v1/prices/reprice", { id: "repriceOpenPeriods", tag, summary: "Reprice open periods with the current price book", description: RECOMPUTE, auth: { permission: "prices:write" }, responses: { "200": recompute() } });
  spec.add("get", "/api/v1/prices/unpriced", {
    id: "listUnpricedModels",
    tag,
    summary: "Models with unpriced events",
    description: "Per provider and model: how many events had no price, first and last seen (UTC hour buckets). Those events are stored and costed at 0 until a price exists and a reprice runs. Restricted to the caller's teams.",
    auth: { permission: "settings:read" },
    responses: { "200": spec.json("The models, most events first.", "UnpricedResponse", UnpricedResponse) },
  });

  // Ownership rules
  tag = "Ownership rules";
  spec.add("get", "/api/v1/ownership-rules", { id: "listOwnershipRules", tag, summary: "Ownership rules, in the order they apply", auth: { permission: "settings:read" }, responses: { "200": spec.json("The rules.", "RulesResponse", RulesResponse) } });
  spec.add("post", "/api/v1/ownership-rules", {
    id: "addOwnershipRule",
    tag,
    summary: "Add a rule",
    description: "Events without a team whose `field` (repo, feature, service, ingest_key or tag:<name>) matches `pattern` (exactly or as a prefix) go to `teamSlug`; lower priority numbers win. Applies to new events; POST /api/v1/ownership-rules/reapply rewrites stored ones.",
    auth: { permission: "rules:write" },
    body: { name: "RuleCreate", schema: RuleCreate },
    responses: { "200": spec.json("The rule.", "Rule", RuleOut) },
  });
  spec.add("delete", "/api/v1/ownership-rules/{id}", { id: "deleteOwnershipRule", tag, summary: "Delete a rule", auth: { permission: "rules:write" }, pathParams: id("rule"), responses: { "200": spec.json("The deleted rule.", "RuleDeleted", RuleDeleted) }, errors: ["not_found"] });
  spec.add("post", "/api/v1/ownership-rules/reapply", { id: "reapplyOwnershipRules", tag, summary: "Re-apply the rules to open periods", description: RECOMPUTE, auth: { permission: "rules:write" }, responses: { "200": recompute() } });

  // Ingest keys
  tag = "Ingest keys";
  spec.add("get", "/api/v1/ingest-keys", { id: "listIngestKeys", tag, summary: "Ingest keys (without secrets)", auth: { permission: "settings:read" }, responses: { "200": spec.json("The keys, revoked ones included.", "KeysResponse", KeysResponse) } });
  spec.add("post", "/api/v1/ingest-keys", {
    id: "createIngestKey",
    tag,
    summary: "Create an ingest key",
    description: "The secret (`tlk_…`) is in this response only; it is stored hashed.",
    auth: { permission: "keys:write" },
    body: { name: "KeyCreate", schema: KeyCreate },
    responses: { "200": spec.json("The key and its secret.", "KeyCreated", KeyCreated) },
  });
  spec.add("delete", "/api/v1/ingest-keys/{id}", { id: "revokeIngestKey", tag, summary: "Revoke an ingest key", description: "Requests with it get 401 from then on.", auth: { permission: "keys:write" }, pathParams: id("key"), responses: { "200": spec.json("The revoked key's id.", "RevokedResponse", RevokedResponse) }, errors: ["not_found"] });

  // API tokens
  tag = "API tokens";
  spec.add("get", "/api/v1/api-tokens", { id: "listApiTokens", tag, summary: "API tokens (without secrets)", auth: { permission: "tokens:write" }, responses: { "200": spec.json("The tokens, revoked ones included.", "TokensResponse", TokensResponse) } });
  spec.add("post", "/api/v1/api-tokens", {
    id: "createApiToken",
    tag,
    summary: "Create an API token",
    description: "A token has a role and teams like a user. The secret (`tla_…`) is in this response only; it is stored hashed.",
    auth: { permission: "tokens:write" },
    body: { name: "TokenCreate", schema: TokenCreate },
    responses: { "200": spec.json("The token and its secret.", "TokenCreated", TokenCreated) },
  });
  spec.add("delete", "/api/v1/api-tokens/{id}", { id: "revokeApiToken", tag, summary: "Revoke an API token", auth: { permission: "tokens:write" }, pathParams: id("token"), responses: { "200": spec.json("The revoked token's id.", "RevokedResponse", RevokedResponse) }, errors: ["not_found"] });

  // Users and teams
  tag = "Users and teams";
  spec.add("get", "/api/v1/users", { id: "listUsers", tag, summary: "Users", auth: { permission: "users:write" }, responses: { "200": spec.json("The users, disabled ones included.", "UsersResponse", UsersResponse) } });
  spec.add("post", "/api/v1/users", {
    id: "createUser",
    tag,
    summary: "Create a user",
    description: "With the password the admin chose (at least 12 characters); stored as a scrypt hash.",
    auth: { permission: "users:write" },
    body: { name: "UserCreate", schema: UserCreate },
    responses: { "200": spec.json("The user.", "User", UserOut) },
    errors: ["conflict"],
  });
  spec.add("patch", "/api/v1/users/{id}", {
    id: "updateUser",
    tag,
    summary: "Change a user's role or teams, or disable the user",
    description: '`{"disabled": true}` disables the user and ends their sessions. The last enabled admin cannot be demoted or disabled (409).',
    auth: { permission: "users:write" },
    pathParams: id("user"),
    body: { name: "UserUpdate", schema: UserUpdate },
    responses: { "200": spec.json("The user after the change.", "User", UserOut) },
    errors: ["not_found", "conflict"],
  });
  spec.add("get", "/api/v1/settings/org", { id: "getOrgSettings", tag, summary: "The organisation's calendar", description: "The time zone, month start day and week start that chargeback periods, budget periods and alert days are cut with.", auth: "signed-in", responses: { "200": spec.json("The settings.", "OrgSettings", OrgSettingsOut) } });
  spec.add("patch", "/api/v1/settings/org", { id: "updateOrgSettings", tag, summary: "Change the organisation's calendar", description: "Any subset of the fields; recorded in the audit log with before and after.", auth: { permission: "period:close" }, body: { name: "OrgSettingsUpdate", schema: OrgSettingsUpdate }, responses: { "200": spec.json("The settings after the change.", "OrgSettings", OrgSettingsOut) } });
  spec.add("get", "/api/v1/teams", { id: "listTeams", tag, summary: "Teams the caller may see", description: "All teams for admin and finance; their own for leads and viewers.", auth: "signed-in", responses: { "200": spec.json("The teams.", "TeamsResponse", TeamsResponse) } });
  spec.add("post", "/api/v1/teams", { id: "createTeam", tag, summary: "Create a team", auth: { permission: "teams:write" }, body: { name: "TeamCreate", schema: TeamCreate }, responses: { "200": spec.json("The team.", "TeamCreated", TeamCreated) }, errors: ["conflict"] });

  // Audit
  spec.add("get", "/api/v1/audit", {
    id: "listAudit",
    tag: "Audit",
    summary: "The audit log, newest first",
    description: "Who changed what: prices, rules, ingest keys, API tokens, users, teams, reprices and re-applied rules. `before` and `after` are JSON strings (null when not applicable); secrets never appear.",
    auth: { permission: "audit:read" },
    query: AuditQuery,
    queryDocs: { limit: "How many entries (default 200, at most 1000)." },
    responses: { "200": spec.json("The entries.", "AuditResponse", AuditResponse) },
  });
}

