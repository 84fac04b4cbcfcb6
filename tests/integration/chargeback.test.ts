import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUsageEvent } from "../fixtures/make-usage-event";
import { useTempStore } from "../setup/temp-store";

/**
 * Chargeback against the real stores (chDB + SQLite): allocation on stored events, closing freezes the report
 * (hash verified), late events and a reprice around a closed month, reopen and close again, dual attribution.
 * Prices: acme-1 at $1 per million input tokens, so 1,000,000 tokens = $1.
 */
const store = useTempStore();
const { migrate } = await import("@/lib/clickhouse/migrate");
const { upsertPrices } = await import("@/lib/db/price-book");
const { ensureTeams } = await import("@/lib/db/teams");
const { listAudit } = await import("@/lib/db/audit");
const { closedMonths } = await import("@/lib/db/periods");
const { updateChargebackSettings } = await import("@/lib/db/chargeback");
const { updateOrgSettings } = await import("@/lib/db/org-settings");
const { chQuery } = await import("@/lib/clickhouse/client");
const { z } = await import("zod");
const { ingestEvents } = await import("@/lib/ingest/ingest-events");
const { repriceOpenPeriods } = await import("@/lib/finops/recompute");
const { getChargebackReport, closePeriod, reopenPeriod, choosePeriodRule } = await import("@/lib/finops/chargeback");
const Decimal = (await import("decimal.js")).default;
const { exportReport } = await import("@/lib/finops/chargeback-export");
const { parse } = await import("csv-parse/sync");
const { renderChargebackPdf } = await import("@/components/chargeback/report-pdf");
const { writeFileSync } = await import("node:fs");
const { execFileSync } = await import("node:child_process");

const ALL = { all: true } as const;
const price = (input: string) => ({ provider: "acme", model: "acme-1", serviceTier: "", longContextAbove: 0, validFrom: new Date("2026-01-01T00:00:00Z"), inputPerToken: input, cacheReadPerToken: null, cacheWritePerToken: null, cacheWrite1hPerToken: null, outputPerToken: "0", reasoningPerToken: null, batchDiscount: "0", source: "test" });
const ev = (id: string, ts: string, team: string, usd: number, extra: Record<string, unknown> = {}) =>
  makeUsageEvent({ event_id: id, timestamp: ts, provider: "acme", model: "acme-1", team, repo: `${team || "none"}/app`, input_tokens: Math.round(usd * 1_000_000), output_tokens: 0, ...extra });
const ingest = async (events: unknown[]) => expect((await ingestEvents(events, { now: new Date("2026-11-01T00:00:00Z") })).accepted).toBe(events.length);
const report = (period: string, extra: Record<string, unknown> = {}) => getChargebackReport({ period, scope: ALL, ...extra });
const lines = (r: Awaited<ReturnType<typeof report>>) => Object.fromEntries(r.teams.map((t) => [t.team, [t.direct_usd, t.allocated_usd, t.adjustments_usd, t.total_usd]]));
const sumLines = (r: Awaited<ReturnType<typeof report>>) => r.teams.reduce((s, t) => s.plus(t.total_usd), new Decimal(0)).toFixed(2);

beforeAll(async () => {
  await migrate();
  await upsertPrices([price("0.000001")]);
  await ensureTeams([{ slug: "alpha", name: "Alpha" }, { slug: "beta", name: "Beta" }, { slug: "platform", name: "Platform" }]);
  await updateChargebackSettings({ sharedTeams: ["platform"] }, "test");
  await ingest([
    ev("sep-a", "2026-09-10T10:00:00Z", "alpha", 3),
    ev("sep-b", "2026-09-11T10:00:00Z", "beta", 1),
    ev("sep-none", "2026-09-12T10:00:00Z", "", 1),
    ev("sep-plat", "2026-09-13T10:00:00Z", "platform", 1),
    ev("oct-a", "2026-10-10T10:00:00Z", "alpha", 2),
    ev("oct-b", "2026-10-11T10:00:00Z", "beta", 2),
    // August: one trace, alpha's agent (root) calls beta's retrieval.
    ev("aug-root", "2026-08-10T10:00:00Z", "alpha", 1, { trace_id: "t1", span_id: "s1" }),
    ev("aug-child", "2026-08-10T10:00:01Z", "beta", 2, { trace_id: "t1", span_id: "s2", parent_span_id: "s1" }),
    ev("aug-plain", "2026-08-11T10:00:00Z", "beta", 0.25),
  ]);
});
afterAll(() => store.cleanup());

describe("chargeback on stored events", () => {
  it("allocates the pool (unattributed + shared platform) by each rule, adding up to the cent", async () => {
    const prop = await report("2026-09");
    expect(prop).toMatchObject({ status: "open", total_usd: "6.00", pool_usd: "2.00", rule: "proportional" });
    expect(lines(prop)).toEqual({ alpha: ["3.00", "1.50", "0.00", "4.50"], beta: ["1.00", "0.50", "0.00", "1.50"] });
    expect(prop.pool.map((p) => [p.kind, p.name, p.amount_usd])).toEqual([["shared_team", "platform", "1.00"], ["unattributed", "", "1.00"]]);
    expect(lines(await report("2026-09", { rule: "even" }))).toEqual({ alpha: ["3.00", "1.00", "0.00", "4.00"], beta: ["1.00", "1.00", "0.00", "2.00"] });
    await expect(choosePeriodRule("2026-09", "fixed", { alpha: "25", beta: "70" }, "test")).rejects.toThrow(/sum to exactly 100, they sum to 95/);
    await expect(choosePeriodRule("2026-09", "fixed", { alpha: "50", platform: "50" }, "test")).rejects.toThrow(/cannot receive/);
    await choosePeriodRule("2026-09", "fixed", { alpha: "25", beta: "75" }, "test");
    const fixed = await report("2026-09");
    expect(lines(fixed)).toEqual({ alpha: ["3.00", "0.50", "0.00", "3.50"], beta: ["1.00", "1.50", "0.00", "2.50"] });
    expect(sumLines(fixed)).toBe(fixed.total_usd);
  });

  it("charges traced calls to the executing or the originating team; both add up to the same total", async () => {
    const exe = await report("2026-08");
    const org = await report("2026-08", { attribution: "originated" });
    expect(lines(exe)).toEqual({ alpha: ["1.00", "0.00", "0.00", "1.00"], beta: ["2.25", "0.00", "0.00", "2.25"] });
    expect(lines(org)).toEqual({ alpha: ["3.00", "0.00", "0.00", "3.00"], beta: ["0.25", "0.00", "0.00", "0.25"] });
    expect(exe.total_usd).toBe(org.total_usd);
  });

  it("closing freezes the report with a verifiable hash; late events become adjustments in the next open period", async () => {
    const closed = await closePeriod("2026-09", "finance@test");
    expect(closed.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(closePeriod("2026-09", "finance@test")).rejects.toThrow(/already closed/);
    await expect(closePeriod("2026-11", "finance@test", new Date("2026-11-15T00:00:00Z"))).rejects.toThrow(/has not ended/);
    await expect(choosePeriodRule("2026-09", "even", {}, "test")).rejects.toThrow(/closed/);
    expect((await closedMonths()).has(202609)).toBe(true);
    const frozen = await report("2026-09");
    expect(frozen.closed).toMatchObject({ by: "finance@test", hash: closed.hash, verified: true });

    await ingest([ev("sep-late-b", "2026-09-15T08:00:00Z", "beta", 0.5), ev("sep-late-none", "2026-09-20T08:00:00Z", "", 1)]);
    const again = await report("2026-09");
    expect(lines(again)).toEqual(lines(frozen));
    expect(again.closed?.verified).toBe(true);

    const oct = await report("2026-10");
    // Sep live: alpha 3 + 25 % of pool 3 = 3.75 (frozen 3.50); beta 1.5 + 75 % of 3 = 3.75 (frozen 2.50).
    expect(oct.adjustments.map((a) => [a.team, a.source_period, a.amount_usd, a.late_events])).toEqual([["alpha", "2026-09", "0.25", 0], ["beta", "2026-09", "1.25", 1]]);
    expect(oct.adjustments[1].reason).toMatch(/late events: 1 event dated 2026-09-15 to 2026-09-15/);
    expect(oct.adjustments[0].reason).toMatch(/shared pool of 2026-09 changed by late events/);
    expect(lines(oct)).toEqual({ alpha: ["2.00", "0.00", "0.25", "2.25"], beta: ["2.00", "0.00", "1.25", "3.25"] });
    expect(oct.total_usd).toBe("5.50");
    expect(sumLines(oct)).toBe(oct.total_usd);
    expect(oct.previous).toMatchObject({ period: "2026-09", status: "closed", total_usd: "6.00" });
  });

  it("a reprice changes open months only; the closed month stays frozen and adds no adjustment", async () => {
    await upsertPrices([price("0.000002")]);
    const summary = await repriceOpenPeriods("finance@test");
    expect(summary.skippedClosed).toContain(202609);
    expect(summary.months).toContain(202610);
    const oct = await report("2026-10");
    expect(lines(oct)).toEqual({ alpha: ["4.00", "0.00", "0.25", "4.25"], beta: ["4.00", "0.00", "1.25", "5.25"] });
    expect((await report("2026-09")).closed?.verified).toBe(true);
  });

  it("closing the next period bills the adjustments once; reopen (audited) takes them back; close again", async () => {
    await closePeriod("2026-10", "finance@test");
    const nov = await report("2026-11");
    expect(nov.adjustments).toEqual([]);

    await reopenPeriod("2026-09", "admin@test", "late invoices");
    const audit = (await listAudit()).find((a) => a.action === "chargeback.reopen");
    expect(JSON.parse(audit!.before!)).toMatchObject({ status: "closed", total_usd: "6.00" });
    expect(JSON.parse(audit!.after!)).toMatchObject({ status: "open", reason: "late invoices" });
    expect((await closedMonths()).has(202609)).toBe(false);

    const sep = await report("2026-09");
    expect(sep.status).toBe("open");
    // Live now (7.50 with the late events) minus what October already billed for September (1.50).
    expect(sep.adjustments.map((a) => [a.team, a.amount_usd, a.reason])).toEqual([
      ["alpha", "-0.25", "already charged as an adjustment in 2026-10"],
      ["beta", "-1.25", "already charged as an adjustment in 2026-10"],
    ]);
    expect(sep.total_usd).toBe("6.00");

    const second = await closePeriod("2026-09", "finance@test");
    expect((await report("2026-09")).closed).toMatchObject({ hash: second.hash, verified: true });
    expect((await report("2026-11")).adjustments).toEqual([]);
    expect((await report("2026-10")).closed?.verified).toBe(true);
  });

  it("exports CSV, FOCUS and PDF whose totals equal the report's", async () => {
    const page = await report("2026-10");
    const base = { period: "2026-10", attribution: "executed" as const, scope: ALL, actor: "finance@test" };
    const csv = parse((await exportReport({ ...base, format: "csv" })).csv!, { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.line === "total")!.total_usd).toBe(page.total_usd);
    expect(csv.filter((r) => r.line === "team").reduce((s, r) => s.plus(r.total_usd), new Decimal(0)).toFixed(2)).toBe(page.total_usd);
    const focus = parse((await exportReport({ ...base, format: "focus" })).csv!, { columns: true }) as Record<string, string>[];
    expect(focus.reduce((s, r) => s.plus(r.BilledCost), new Decimal(0)).toFixed(2)).toBe(page.total_usd);
    expect(focus.filter((r) => r.ChargeCategory === "Adjustment").map((r) => [r.SubAccountId, r.ChargeClass, r.ChargePeriodStart, r.BilledCost])).toEqual([
      ["alpha", "Correction", "2026-09-01T00:00:00.000Z", "0.25"],
      ["beta", "Correction", "2026-09-01T00:00:00.000Z", "1.25"],
    ]);
    expect(focus.find((r) => r.ChargeCategory === "Usage")).toMatchObject({ ConsumedUnit: "Tokens", ServiceCategory: "AI and Machine Learning", BillingPeriodStart: "2026-10-01T00:00:00.000Z", BillingPeriodEnd: "2026-11-01T00:00:00.000Z" });
    const team = parse((await exportReport({ ...base, format: "csv", team: "beta" })).csv!, { columns: true }) as Record<string, string>[];
    expect(team.find((r) => r.dimension === "total")!.amount_usd).toBe("5.25");

    const pdf = await renderChargebackPdf((await exportReport({ ...base, format: "pdf" })).report, "Test org", new Date("2026-11-29T10:00:00Z"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const out = `${store.dir}/report.pdf`;
    writeFileSync(out, pdf);
    const text = execFileSync("pdftotext", ["-layout", out, "-"]).toString();
    expect(text).toContain("Chargeback report");
    expect(text).toContain("$9.50");
    expect(text).toMatch(/SHA-256 of the frozen report: [0-9a-f]{64} \(verified\)/);
    if (process.env.CHARGEBACK_PDF_OUT) writeFileSync(process.env.CHARGEBACK_PDF_OUT, pdf);
  });

  it("a month closed in the org's zone freezes exactly its events, even where it covers part of a UTC month", async () => {
    await updateOrgSettings({ timeZone: "America/New_York" }, "test");
    // July in New York is [Jul 1 04:00Z, Aug 1 04:00Z): parts of the UTC partitions 202607 and 202608.
    await ingest([
      ev("ny-june-tail", "2026-07-01T02:00:00Z", "alpha", 1),
      ev("ny-july", "2026-07-15T12:00:00Z", "alpha", 1),
      ev("ny-july-tail", "2026-08-01T02:00:00Z", "alpha", 1),
      ev("ny-august", "2026-08-15T12:00:00Z", "alpha", 1),
    ]);
    const closedJuly = await closePeriod("2026-07", "finance@test");
    expect((await report("2026-07")).spend_usd).toBe("4.00"); // two events at $2 (the current price)
    await upsertPrices([price("0.000003")]);
    const summary = await repriceOpenPeriods("finance@test");
    expect(summary.skippedClosed).not.toContain(202607);
    const costs = await chQuery({ name: "t-ny", sql: "SELECT event_id, toString(cost_usd) AS c FROM usage_events WHERE event_id LIKE 'ny-%' ORDER BY event_id", row: z.object({ event_id: z.string(), c: z.string() }) }, {});
    expect(Object.fromEntries(costs.map((r) => [r.event_id, r.c]))).toEqual({ "ny-august": "3", "ny-july": "2", "ny-july-tail": "2", "ny-june-tail": "3" });
    expect((await report("2026-07")).closed).toMatchObject({ hash: closedJuly.hash, verified: true });
    expect((await report("2026-08")).adjustments.filter((a) => a.source_period === "2026-07")).toEqual([]);
  });
});
