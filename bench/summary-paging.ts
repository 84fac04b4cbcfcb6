/**
 * The explorer's big groupings (issue 16): GET /api/v1/summary grouped by session_id, user, work_item and
 * pull_request over the demo's last 30 and 90 days: every group (what the CSV export fetches), one page of 100
 * sorted by cost (what the table fetches: ranked by cost alone, then every measure for the page's keys only),
 * and the filter picker's values (200, with a search). Run against a store holding the demo:
 *   TOKENLEDGER_DATA_DIR=/path/with/demo npx tsx bench/summary-paging.ts
 */
import { getSummary } from "@/lib/finops/summary";
import type { Dimension } from "@/lib/dimensions";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, Math.round(performance.now() - t)];
}

const out: Record<string, unknown>[] = [];
for (const days of [30, 90]) {
  for (const dim of ["session_id", "user", "work_item", "pull_request"] as Dimension[]) {
    const base = { from: day(-days + 1), to: day(1), tz: "UTC", group_by: [dim], filters: { include: {}, exclude: {} }, scope: { all: true } as const };
    const runs: { every: number; page: number; values: number }[] = [];
    let groups = 0;
    for (let i = 0; i < 3; i++) {
      const [all, every] = await timed(() => getSummary(base));
      const [page, pageMs] = await timed(() => getSummary({ ...base, limit: 100, offset: 0, sort: "cost_usd", dir: "desc" }));
      const [, values] = await timed(() => getSummary({ ...base, limit: 200, offset: 0, sort: "cost_usd", dir: "desc", search: "a" }));
      // The page's sums must be the unpaged grouping's, and page + other the total.
      if (page.groups[0]?.cost_usd !== all.groups[0]?.cost_usd || page.group_count !== all.group_count) throw new Error(`${dim}: the page differs from the full grouping`);
      groups = all.group_count;
      runs.push({ every, page: pageMs, values });
    }
    const row = { days, dim, groups, everyGroupMs: runs.map((r) => r.every), pageOf100Ms: runs.map((r) => r.page), values200Ms: runs.map((r) => r.values) };
    console.log(JSON.stringify(row));
    out.push(row);
  }
}
const meta = { at: new Date().toISOString(), load: (await import("node:os")).loadavg().map((x) => x.toFixed(1)), cores: (await import("node:os")).cpus().length };
console.log(JSON.stringify(meta));
(await import("node:fs")).writeFileSync(new URL("./results/summary-paging-latest.json", import.meta.url), `${JSON.stringify({ ...meta, runs: out }, null, 1)}\n`);
process.exit(0);
