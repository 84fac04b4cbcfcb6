/** Query-key factories: one place that names every cached query. */
export const overviewKeys = {
  all: ["overview"] as const,
  summary: (days: number) => ["overview", "summary", { days }] as const,
};
