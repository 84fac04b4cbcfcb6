import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * The demo's budgets on a real store loaded by the demo loader itself (14 days of demo events ending
 * 2026-11-20 12:00 UTC, so the runaway agent of day −4 and the retry storm of day −9 fall in November): the
 * runaway agent pushes the platform team past 100 %, search (budgeted tight) is past 80 %, the agent's work item is blocked
 * by the decision API, the organisation is on track, and loading again adds nothing.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { loadDemoIfEmpty } = await import("@/lib/demo/load-demo");
const { seedDemoBudgets } = await import("@/lib/demo/demo-budgets");
const { listBudgets } = await import("@/lib/db/budgets");
const { listAudit } = await import("@/lib/db/audit");
const { toBudget, budgetPeriod, filterOf } = await import("@/lib/budgets/model");
const { budgetStatus } = await import("@/lib/budgets/status");
const { totalSpend } = await import("@/lib/budgets/spend");
const { checkBudgets } = await import("@/lib/budgets/check");
const { demoIncidentWindows } = await import("@/lib/demo/incidents");

const now = new Date("2026-11-20T12:00:00Z");
const cal = { timeZone: "UTC", monthStartDay: 1, weekStartsOn: 1 };

beforeAll(async () => {
  await migrate();
  const loaded = await loadDemoIfEmpty({ seed: 42, demo: true, now, days: 14 });
  expect(loaded.events).toBeGreaterThan(10_000);
}, 300_000);
afterAll(() => store.cleanup());

const byName = async () => new Map((await listBudgets()).map((r) => [r.name, toBudget(r)]));
const status = async (name: string) => budgetStatus((await byName()).get(name)!, { now, cal });

describe("demo budgets", () => {
  it("creates budgets across scopes and periods, audited", async () => {
    const budgets = [...(await byName()).values()].map((b) => [b.name, b.scope_type, b.period]);
    expect(budgets.sort()).toEqual([
      ["Coding agent quarterly", "feature", "quarter"],
      ["Organisation monthly", "org", "month"],
      ["PLAT-1423 sprint", "work_item", "custom"],
      ["Platform monthly", "team", "month"],
      ["Search monthly", "team", "month"],
    ]);
    expect((await listAudit()).filter((a) => a.action === "budget.create" && a.actor === "demo")).toHaveLength(5);
  });

  it("the runaway agent pushes the platform team past 100 %; without it the team is under 80 %", async () => {
    const s = await status("Platform monthly");
    expect(s.reached?.percent).toBeGreaterThanOrEqual(100);
    expect(["over", "warning"]).toContain(s.status);
    const b = (await byName()).get("Platform monthly")!;
    const runaway = demoIncidentWindows(now).find((w) => w.id === "runaway-agent")!;
    const period = budgetPeriod(b, now, cal);
    const before = await totalSpend(filterOf(b), period.start, new Date(runaway.start), "UTC");
    const after = await totalSpend(filterOf(b), new Date(runaway.end), now, "UTC");
    expect(before.plus(after).div(b.amount_usd).toNumber()).toBeLessThan(0.8);
  });

  it("search, budgeted tight, is past 80 %; the organisation stays on track", async () => {
    expect((await status("Search monthly")).reached).toEqual({ percent: 80, action: "notify" });
    const org = await status("Organisation monthly");
    expect(org.reached).toBeNull();
  });

  it("the decision API blocks the runaway agent's work item; another team is allowed", async () => {
    const caller = { keyId: "demo-test", defaultTeam: null };
    const plat = await checkBudgets({ team: "platform", work_item: "PLAT-1423", estimated_cost_usd: "0.01" }, caller, now);
    expect(plat.decision).toBe("deny");
    expect(plat.budgets.find((b) => b.name === "PLAT-1423 sprint")?.threshold).toEqual({ percent: 120, action: "block" });
    const other = await checkBudgets({ team: "growth", estimated_cost_usd: "0.01" }, caller, now);
    expect(other.decision).toBe("allow");
  });

  it("is idempotent: loading the demo again and seeding again add nothing", async () => {
    expect((await loadDemoIfEmpty({ seed: 42, demo: true, now, days: 14 })).events).toBe(0);
    expect(await seedDemoBudgets(now)).toBe(0);
    expect(await listBudgets()).toHaveLength(5);
  });
});
