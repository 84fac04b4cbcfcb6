/** The demo company: teams, people, repos, customers and the models they call. */

export const DEMO_TEAMS = [
  { slug: "platform", name: "Platform" },
  { slug: "search", name: "Search & Retrieval" },
  { slug: "growth", name: "Growth" },
  { slug: "support-ai", name: "Support AI" },
] as const;

export type TeamSlug = (typeof DEMO_TEAMS)[number]["slug"];
export const TEAM_SLUGS: readonly TeamSlug[] = DEMO_TEAMS.map((t) => t.slug);

export const ENGINEERS: Record<TeamSlug, readonly string[]> = {
  platform: ["maya.chen", "diego.ramos", "ivan.petrov", "sara.lindqvist", "tom.becker", "nia.okafor", "arjun.mehta"],
  search: ["li.wei", "omar.haddad", "julia.novak", "ben.carter", "ana.souza"],
  growth: ["kate.murphy", "raj.patel", "lena.fischer", "sam.ortiz"],
  "support-ai": ["yuki.tanaka", "paul.martin", "eva.horvath", "noah.kim", "zoe.adams", "felix.wagner"],
};
/** Contractors' keys carry no team: their spend arrives unattributed (ownership rules by repo recover it). */
export const CONTRACTORS = ["contractor.jdoe", "contractor.mkhan", "contractor.lpark"] as const;

export const REPOS: Record<TeamSlug, readonly string[]> = {
  platform: ["platform/gateway", "platform/infra-tools", "platform/agent-runner", "platform/ci-review-bot"],
  search: ["search/rag-api", "search/indexer", "search/ranking"],
  growth: ["growth/web-app", "growth/in-app-assistant", "growth/email-writer"],
  "support-ai": ["support/assistant", "support/triage", "support/widget"],
};
export const ALL_REPOS: readonly (readonly [TeamSlug, string])[] = TEAM_SLUGS.flatMap((t) => REPOS[t].map((r) => [t, r] as const));

export const WORK_ITEM_KEYS: Record<TeamSlug, string> = { platform: "PLAT", search: "SRCH", growth: "GROW", "support-ai": "SUP" };

/** End customers (tenants) of the product features, Zipf-weighted: Northwind is the largest. */
export const CUSTOMERS: readonly (readonly [string, number])[] = [
  "northwind",
  "globex",
  "initech",
  "umbrella",
  "hooli",
  "acme-corp",
  "stark-industries",
  "wayne-enterprises",
  "soylent",
  "tyrell",
  "cyberdyne",
  "wonka",
].map((c, i) => [c, 1 / Math.pow(i + 1, 1.1)] as const);
export const PRIORITY_CUSTOMERS = new Set(["northwind", "globex"]);

export type Model = readonly [provider: string, model: string];

export const M = {
  gpt4o: ["openai", "gpt-4o"],
  gpt4oMini: ["openai", "gpt-4o-mini"],
  gpt41: ["openai", "gpt-4.1"],
  gpt41Mini: ["openai", "gpt-4.1-mini"],
  o3: ["openai", "o3"],
  o4Mini: ["openai", "o4-mini"],
  gpt5: ["openai", "gpt-5"],
  gpt5Mini: ["openai", "gpt-5-mini"],
  sonnet: ["anthropic", "claude-sonnet-4-5"],
  opus: ["anthropic", "claude-opus-4-1"],
  haiku: ["anthropic", "claude-haiku-4-5"],
  geminiPro: ["google", "gemini-2.5-pro"],
  geminiFlash: ["google", "gemini-2.5-flash"],
  /** Not in the seeded price book: exercises "unpriced" spend. */
  unpriced: ["mistral", "mistral-medium-2508"],
} as const satisfies Record<string, Model>;

export const DEMO_UNPRICED_MODEL = { provider: M.unpriced[0], model: M.unpriced[1] } as const;

/** Reasoning models: chance a call thinks, median reasoning ÷ visible output, cap. */
export const REASONING: Record<string, readonly [p: number, ratio: number, cap: number]> = {
  o3: [1, 4, 30_000],
  "o4-mini": [1, 2.5, 20_000],
  "gpt-5": [1, 3, 30_000],
  "gpt-5-mini": [1, 1.5, 12_000],
  "gemini-2.5-pro": [1, 2, 24_000],
  "gemini-2.5-flash": [0.5, 1, 8_000],
};

/** Decode speed, tokens per second (for latency). */
export const SPEED: Record<string, number> = {
  "gpt-4o": 90,
  "gpt-4o-mini": 140,
  "gpt-4.1": 90,
  "gpt-4.1-mini": 140,
  o3: 60,
  "o4-mini": 110,
  "gpt-5": 75,
  "gpt-5-mini": 120,
  "claude-sonnet-4-5": 70,
  "claude-opus-4-1": 40,
  "claude-haiku-4-5": 130,
  "gemini-2.5-pro": 85,
  "gemini-2.5-flash": 180,
  "mistral-medium-2508": 100,
};

/** Suggested ownership rules (field, match, pattern → team) that attribute the demo's team-less events; labs/ stays unattributed. */
export const DEMO_OWNERSHIP_RULES: readonly { field: "repo" | "service"; matchType: "prefix" | "exact"; pattern: string; team: TeamSlug }[] = [
  { field: "repo", matchType: "prefix", pattern: "platform/", team: "platform" },
  { field: "repo", matchType: "prefix", pattern: "search/", team: "search" },
  { field: "repo", matchType: "prefix", pattern: "growth/", team: "growth" },
  { field: "repo", matchType: "prefix", pattern: "support/", team: "support-ai" },
  { field: "service", matchType: "exact", pattern: "assistant-api", team: "growth" },
];

/** Hour-of-day weights (UTC). Engineers in the US and Europe; customers worldwide, US-heavy. */
export const HOURS_ENGINEERS = [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 2.2, 3, 3.2, 3, 2.8, 3.4, 3.8, 3.9, 3.6, 3.1, 2.5, 1.9, 1.3, 0.9, 0.6, 0.4];
export const HOURS_CUSTOMERS = [2.6, 2.2, 1.8, 1.5, 1.3, 1.3, 1.5, 2, 2.6, 3.2, 3.6, 3.8, 4, 4.3, 4.6, 4.8, 4.8, 4.6, 4.3, 4, 3.7, 3.4, 3.1, 2.8];
