import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spendViewKeys } from "@/lib/hooks/query-keys";

/**
 * A reprice or a re-apply of the rules rewrites costs and owners: every cached view that shows spend must be
 * refreshed. This reads each hook's query-key root and checks the shared list covers it, so a new spend view
 * cannot be forgotten silently (settings lists are not spend views and are listed as such).
 */
const NOT_SPEND = new Set(["settings"]);
const dir = join(process.cwd(), "lib/hooks");

function keyRoots(): Set<string> {
  const roots = new Set<string>();
  const src = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
  for (const m of src.matchAll(/\[\s*"([a-z-]+)"/g)) roots.add(m[1]);
  return roots;
}

describe("spend views refreshed after reprice and re-apply", () => {
  it("covers every query-key root of the hooks except settings lists", () => {
    const covered = new Set(spendViewKeys.map((k) => String(k[0])));
    const missing = [...keyRoots()].filter((r) => !NOT_SPEND.has(r) && !covered.has(r));
    expect(missing).toEqual([]);
  });
  it("finds the roots it checks", () => {
    expect([...keyRoots()]).toEqual(expect.arrayContaining(["overview", "summary", "timeseries", "trace", "traces", "change", "chargeback", "budgets", "alerts", "anomalies"]));
  });
});
