/** Query-key factories: one place that names every cached query. */
export const overviewKeys = {
  all: ["overview"] as const,
  view: (p: { from: string; to: string; tz: string; stack: string }) => ["overview", "view", p] as const,
};
export const settingsKeys = {
  prices: ["settings", "prices"] as const,
  unpriced: ["settings", "unpriced"] as const,
  rules: ["settings", "rules"] as const,
  keys: ["settings", "keys"] as const,
  teams: ["settings", "teams"] as const,
  audit: ["settings", "audit"] as const,
};
export const traceKeys = {
  one: (id: string) => ["trace", id] as const,
  top: (query: string) => ["traces", "top", query] as const,
};
export const chargebackKeys = {
  all: ["chargeback"] as const,
  report: (p: { period: string; attribution: string; rule?: string }) => ["chargeback", "report", p] as const,
  settings: ["chargeback", "settings"] as const,
  org: ["settings", "org"] as const,
};
export const budgetKeys = {
  all: ["budgets"] as const,
  list: ["budgets", "list"] as const,
  one: (id: string) => ["budgets", "one", id] as const,
};

export const forecastKeys = {
  all: ["forecasts"] as const,
  of: (dimension: string, period: string) => ["forecasts", dimension, period] as const,
};

/**
 * Every cached view whose numbers come from the ledger's costs or owners: a reprice or a re-apply of the
 * ownership rules rewrites those, so it refreshes all of them (not only the page it was started from).
 * Prefixes: each one matches every query whose key starts with it.
 */
export const spendViewKeys: readonly (readonly unknown[])[] = [
  overviewKeys.all,
  ["summary"],
  ["timeseries"],
  ["change"],
  ["trace"],
  ["traces"],
  ["anomalies"],
  ["alerts"],
  chargebackKeys.all,
  budgetKeys.all,
  forecastKeys.all,
];
