import { describe, expect, it } from "vitest";
import { CheckMirror } from "@/lib/budgets/check-mirror";
import type { WireSnapshot } from "@/lib/budgets/check-entry";
import type { Budget } from "@/lib/budgets/model";

/**
 * The decision worker's copy of the budget state (lib/budgets/check-mirror.ts): answers at once while right, waits
 * for a fresh load when wrong (an edit, an instant outside the loaded periods), takes spend updates by budget id,
 * and fails the waiting decisions (503) when the load they wait for fails.
 */
const budget: Budget = {
  id: "b1", name: "Search", scope_type: "team", scope_value: "search", team: "search", period: "month", custom_from: null, custom_to: null,
  amount_usd: "10", thresholds: [{ percent: 80, action: "notify" }], created_by: "t", created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z",
};
const period = { key: "2026-11", label: "November 2026", from: "2026-11-01", to: "2026-11-30", start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
const snapshot = (spend: string, stale = false): WireSnapshot => ({ entries: [{ budget, period, filter: { team: "search" }, spend }], prices: [], validFrom: period.start.getTime(), validTo: period.end.getTime(), stale });
const at = new Date("2026-11-15T00:00:00Z").getTime();

describe("CheckMirror", () => {
  it("asks for a load before its first answer, then answers from memory", async () => {
    const asked: number[] = [];
    const m = new CheckMirror((now) => asked.push(now));
    const pending = m.current(at);
    expect(asked).toEqual([at]);
    m.apply({ type: "loaded", snapshot: snapshot("2.5") });
    const s = await pending;
    expect(s.entries[0].spend.toFixed()).toBe("2.5");
    expect(s.entries[0].amount.toFixed()).toBe("10");
    expect(s.entries[0].limits.map((l) => l.limit.toFixed())).toEqual(["8"]);
    await m.current(at);
    expect(asked).toHaveLength(1);
  });

  it("takes spend by budget id, and waits again after an edit or past the period's end", async () => {
    const asked: number[] = [];
    const m = new CheckMirror((now) => asked.push(now));
    m.apply({ type: "loaded", snapshot: snapshot("1") });
    m.apply({ type: "spend", spends: [["b1", "3.75"], ["gone", "9"]] });
    expect((await m.current(at)).entries[0].spend.toFixed()).toBe("3.75");

    m.apply({ type: "stale" });
    let done = false;
    const afterEdit = m.current(at).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect([done, asked]).toEqual([false, [at]]);
    m.apply({ type: "loaded", snapshot: snapshot("4", true) }); // an edit arrived during that load: still wrong
    await new Promise((r) => setTimeout(r, 20));
    expect([done, asked.length]).toEqual([false, 2]);
    m.apply({ type: "loaded", snapshot: snapshot("4") });
    await afterEdit;

    const december = period.end.getTime();
    const next = m.current(december);
    expect(asked.at(-1)).toBe(december);
    m.apply({ type: "loaded", snapshot: { ...snapshot("0"), validFrom: december, validTo: Infinity } });
    expect((await next).entries[0].spend.toFixed()).toBe("0");
  });

  it("fails the waiting decisions with 503 when the load fails", async () => {
    const m = new CheckMirror(() => {});
    const pending = m.current(at);
    m.fail("Budget state could not be loaded from the store");
    await expect(pending).rejects.toMatchObject({ name: expect.any(String), message: "Budget state could not be loaded from the store" });
    await expect(pending).rejects.toBeInstanceOf((await import("@/lib/errors")).UnavailableError);
  });
});
