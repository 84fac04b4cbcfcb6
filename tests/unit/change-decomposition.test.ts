import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { decompose, DRIVERS, type CellSums, type DriverId, type ReferenceRates } from "@/lib/finops/change-decomposition";
import { computeCostDecimal, type PriceRates } from "@/lib/finops/cost";

// List prices per token: a plain chat model and a reasoning model (reasoning billed as output).
const CHAT: PriceRates = { id: "chat", input: "0.0000025", cacheRead: "0.00000025", cacheWrite: "0.000003125", output: "0.00001" };
const REASONER: PriceRates = { id: "reasoner", input: "0.000002", cacheRead: "0.0000005", output: "0.000008" };
const CHEAPER: PriceRates = { ...CHAT, id: "chat-cut", input: "0.000002", output: "0.000008" };

const ref = (p: PriceRates): ReferenceRates => ({
  input: String(p.input),
  cache_read: String(p.cacheRead ?? p.input),
  cache_write: String(p.cacheWrite ?? p.input),
  output: String(p.output),
  reasoning: String(p.reasoning ?? p.output),
});

type Usage = { requests: number; attempts?: number; input: number; cacheRead?: number; cacheWrite?: number; output: number; reasoning?: number; undelivered?: number };

/** A cell's sums as the store would hold them, priced by the real cost function. */
function cell(u: Usage, p: PriceRates): CellSums {
  const c = computeCostDecimal(
    { input: u.input, cacheRead: u.cacheRead ?? 0, cacheWrite: u.cacheWrite ?? 0, cacheWrite1h: 0, output: u.output, reasoning: u.reasoning ?? 0, deliveredOutput: u.output - (u.undelivered ?? 0), batch: false, cancelled: (u.undelivered ?? 0) > 0 },
    p,
  );
  return {
    cost_usd: c.cost,
    attempts: u.attempts ?? u.requests,
    requests: u.requests,
    input_tokens: u.input,
    cache_read_tokens: u.cacheRead ?? 0,
    cache_write_tokens: u.cacheWrite ?? 0,
    output_tokens: u.output,
    reasoning_tokens: u.reasoning ?? 0,
    cancellation_waste_usd: c.cancellationWaste,
  };
}

const RATES: Record<string, ReferenceRates> = { "openai|chat": ref(CHAT), "openai|reasoner": ref(REASONER) };
const run = (baseline: Record<string, CellSums>, current: Record<string, CellSums>) => {
  const input = { baseline: new Map(Object.entries(baseline)), current: new Map(Object.entries(current)), rates: (k: string) => RATES[k] };
  const r = decompose({ ...input, perCell: true });
  // The per-cell parts change nothing in the scope's figures.
  expect({ ...r, cells: undefined }).toEqual(decompose(input));
  return { ...r, cells: r.cells! };
};

function expectOnly(result: ReturnType<typeof run>, nonZero: DriverId[]) {
  for (const d of DRIVERS) {
    if (nonZero.includes(d)) expect(new Decimal(result.drivers[d]).isZero(), `${d} should move`).toBe(false);
    else expect(result.drivers[d], `${d} should be 0`).toBe("0.000000000");
  }
  expect(result.residual_usd).toBe("0.000000000");
}

/** Drivers + residual = change, to the nano-dollar, and change = current − baseline. */
function expectExact(result: ReturnType<typeof run>) {
  const sum = DRIVERS.reduce((s, d) => s.plus(result.drivers[d]), new Decimal(result.residual_usd));
  expect(sum.toFixed(9)).toBe(result.change_usd);
  expect(new Decimal(result.current_usd).minus(result.baseline_usd).toFixed(9)).toBe(result.change_usd);
}

const BASE: Usage = { requests: 1000, input: 2_000_000, cacheRead: 800_000, cacheWrite: 100_000, output: 300_000 };

describe("change decomposition: identities on constructed cases", () => {
  it("a pure volume change shows only under volume", () => {
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell({ requests: 1500, input: 3_000_000, cacheRead: 1_200_000, cacheWrite: 150_000, output: 450_000 }, CHAT) });
    expectExact(r);
    expectOnly(r, ["volume"]);
    expect(r.drivers.volume).toBe(r.change_usd);
  });

  it("a pure price change shows only under price, equal to current tokens at current minus baseline prices", () => {
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell(BASE, CHEAPER) });
    expectExact(r);
    expectOnly(r, ["price"]);
    expect(r.drivers.price).toBe(new Decimal(cell(BASE, CHEAPER).cost_usd).minus(cell(BASE, CHAT).cost_usd).toFixed(9));
  });

  it("a cache collapse shows only under cache rate", () => {
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell({ ...BASE, cacheRead: 50_000, cacheWrite: 400_000 }, CHAT) });
    expectExact(r);
    expectOnly(r, ["cache_rate"]);
    expect(new Decimal(r.change_usd).gt(0)).toBe(true);
  });

  it("a pure retry storm shows only under retries", () => {
    // Same logical requests; every request now takes three attempts, each as large as before.
    const storm: Usage = { requests: 1000, attempts: 3000, input: 6_000_000, cacheRead: 2_400_000, cacheWrite: 300_000, output: 900_000 };
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell(storm, CHAT) });
    expectExact(r);
    expectOnly(r, ["retries"]);
  });

  it("a storm of cancellations (output billed but not delivered) shows only under cancellations", () => {
    const cancelled: Usage = { ...BASE, output: 500_000, undelivered: 200_000 };
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell(cancelled, CHAT) });
    expectExact(r);
    expectOnly(r, ["cancellations"]);
  });

  it("a model move shows under mix, and under reasoning where the new model reasons", () => {
    const moved: Usage = { ...BASE, cacheRead: 800_000, cacheWrite: 100_000, output: 1_200_000, reasoning: 900_000 };
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|reasoner": cell(moved, REASONER) });
    expectExact(r);
    expectOnly(r, ["mix", "reasoning"]);
    expect(new Decimal(r.drivers.reasoning).gt(0)).toBe(true);
  });

  it("a half move to a model that behaves the same is mix only", () => {
    const half = { ...BASE, requests: 500, input: 1_000_000, cacheRead: 400_000, cacheWrite: 50_000, output: 150_000 };
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell(half, CHAT), "openai|reasoner": cell(half, REASONER) });
    expectExact(r);
    expectOnly(r, ["mix"]);
  });

  it("everything at once still sums to the change to the nano-dollar, with odd numbers", () => {
    const b = { "openai|chat": cell({ requests: 997, attempts: 1013, input: 1_234_567, cacheRead: 345_678, cacheWrite: 12_345, output: 234_567, undelivered: 1_111 }, CHAT), "openai|reasoner": cell({ requests: 311, attempts: 333, input: 777_777, cacheRead: 7_777, output: 444_444, reasoning: 333_333 }, REASONER) };
    const c = { "openai|chat": cell({ requests: 1201, attempts: 1400, input: 1_500_001, cacheRead: 100_003, cacheWrite: 99_999, output: 300_007, undelivered: 50_001 }, CHEAPER), "anthropic|new": cell({ requests: 77, input: 99_999, output: 12_345, reasoning: 1_000 }, REASONER) };
    const r = run(b, c);
    expectExact(r);
    expect(r.residual_usd).toBe("0.000000000");
    // Each cell's part: the parts add up to the scope's driver (each rounded on its own: within a nano-dollar per cell).
    expect([...r.cells.keys()].sort()).toEqual(["anthropic|new", "openai|chat", "openai|reasoner"]);
    for (const d of DRIVERS) {
      const parts = [...r.cells.values()].reduce((s, x) => s.plus(x[d]), new Decimal(0));
      expect(parts.minus(r.drivers[d]).abs().lte("0.000000003"), d).toBe(true);
    }
    // The model that vanished carries a negative mix, the new one a positive mix.
    expect(new Decimal(r.cells.get("anthropic|new")!.mix).gt(0)).toBe(true);
  });

  it("from nothing, the whole change is volume; to nothing, too", () => {
    const up = run({}, { "openai|chat": cell(BASE, CHAT) });
    expectExact(up);
    expectOnly(up, ["volume"]);
    const down = run({ "openai|chat": cell(BASE, CHAT) }, {});
    expectExact(down);
    expectOnly(down, ["volume"]);
    expect(down.drivers.volume).toBe(`-${cell(BASE, CHAT).cost_usd}`);
  });

  it("no change is all zeros; both periods empty too", () => {
    expectOnly(run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": cell(BASE, CHAT) }), []);
    const empty = run({}, {});
    expect(empty.change_usd).toBe("0.000000000");
    expectOnly(empty, []);
  });

  it("a cell whose every attempt was retried elsewhere (no request ends there) stays exact", () => {
    const fallback = { ...cell({ requests: 0, attempts: 200, input: 400_000, output: 60_000 }, CHAT) };
    const r = run({ "openai|chat": cell(BASE, CHAT) }, { "openai|chat": fallback, "openai|reasoner": cell({ requests: 1000, input: 2_000_000, output: 300_000 }, REASONER) });
    expectExact(r);
    expect(r.residual_usd).toBe("0.000000000");
  });

  it("does not depend on the order of cells", () => {
    const b = { "openai|chat": cell(BASE, CHAT), "openai|reasoner": cell({ ...BASE, reasoning: 100_000 }, REASONER) };
    const c = { "openai|reasoner": cell({ ...BASE, requests: 1400, reasoning: 200_000 }, REASONER), "openai|chat": cell({ ...BASE, cacheRead: 10 }, CHEAPER) };
    const flipped = Object.fromEntries(Object.entries(c).reverse());
    expect(run(b, c)).toEqual(run(b, flipped));
  });
});
