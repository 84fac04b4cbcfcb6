/**
 * The budget-check benchmark's data directory: a migrated store (chDB + SQLite) with 4 teams, 40 running
 * budgets (the org, per team, per repo, per feature), a month of events (20,000) and one ingest key.
 * Run as its own process (`tsx bench/budget-check-seed.ts DIR`) so the embedded store's lock is released
 * before a server opens it. Prints the ingest key's secret as the last line.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export const TEAMS = ["platform", "search", "growth", "support-ai"];
export const BUDGETS = 40;

async function seed(dir: string): Promise<string> {
  process.env.TOKENLEDGER_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  delete process.env.CLICKHOUSE_URL;
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env: process.env, stdio: "pipe" });
  const { migrate } = await import("../lib/clickhouse/migrate");
  const { seedPricesIfEmpty } = await import("../lib/db/price-book");
  const { ensureTeams } = await import("../lib/db/teams");
  const { createIngestKey } = await import("../lib/db/ingest-keys");
  const { insertBudget } = await import("../lib/db/budgets");
  const { ingestEvents } = await import("../lib/ingest/ingest-events");
  await migrate();
  await seedPricesIfEmpty(new Date("2026-01-01T00:00:00Z"));
  await ensureTeams(TEAMS.map((slug) => ({ slug, name: slug })));
  const key = await createIngestKey({ name: "bench gateway", rateLimitPerMinute: 10_000_000 });
  // Sized so that decisions mix allow, warn and deny.
  const thresholds = JSON.stringify([{ percent: 80, action: "notify" }, { percent: 100, action: "require_approval" }, { percent: 120, action: "block" }]);
  const base = { name: "", customFrom: null, customTo: null, thresholds };
  await insertBudget({ ...base, scopeType: "org", scopeValue: "", team: null, period: "month", amountUsd: "150" }, "bench");
  for (const t of TEAMS) await insertBudget({ ...base, scopeType: "team", scopeValue: t, team: t, period: "month", amountUsd: "30" }, "bench");
  for (let i = 0; i < 20; i++) await insertBudget({ ...base, scopeType: "repo", scopeValue: `repo-${i}`, team: TEAMS[i % 4], period: "week", amountUsd: "1.5" }, "bench");
  for (let i = 0; i < 15; i++) await insertBudget({ ...base, scopeType: "feature", scopeValue: `feature-${i}`, team: null, period: "quarter", amountUsd: "8" }, "bench");
  const now = Date.now();
  const events = Array.from({ length: 20_000 }, (_, i) => ({
    event_id: `b${i}`,
    timestamp: new Date(now - (i % (28 * 24)) * 3_600_000 - 60_000).toISOString(),
    provider: "openai",
    model: i % 3 ? "gpt-4o-mini" : "gpt-4.1",
    input_tokens: 2000 + (i % 5000),
    output_tokens: 300,
    team: TEAMS[i % 4],
    repo: `repo-${i % 20}`,
    feature: `feature-${i % 15}`,
  }));
  for (let i = 0; i < events.length; i += 5000) await ingestEvents(events.slice(i, i + 5000), { source: { keyId: key.id, defaultTeam: null } });
  return key.secret;
}

if (process.argv[1]?.endsWith("budget-check-seed.ts")) {
  const secret = await seed(process.argv[2]);
  console.log(secret);
  process.exit(0);
}
