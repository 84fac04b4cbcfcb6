/**
 * The explorer's big-grouping case (issue 16 item 4): GET /api/v1/summary grouped by session_id over the
 * demo's 90 days, every group (what the explorer fetched before paging, and what the CSV export still
 * fetches) against one page of 100 (what the table fetches now). Run against a store holding the demo:
 *   TOKENLEDGER_DATA_DIR=/path/with/demo npx tsx bench/summary-paging.ts
 */
import { getSummary } from "@/lib/finops/summary";

const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
const base = { from, to, tz: "UTC", group_by: ["session_id" as const], filters: { include: {}, exclude: {} }, scope: { all: true } as const };

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, Math.round(performance.now() - t)];
}

for (let i = 0; i < 3; i++) {
  const [all, allMs] = await timed(() => getSummary(base));
  const [page, pageMs] = await timed(() => getSummary({ ...base, limit: 100, offset: 0, sort: "cost_usd", dir: "desc" }));
  console.log(JSON.stringify({ groups: all.group_count, everyGroup: { ms: allMs, bytes: JSON.stringify(all).length }, pageOf100: { ms: pageMs, bytes: JSON.stringify(page).length }, other: page.other?.cost_usd, total: page.total.cost_usd }));
}
process.exit(0);
