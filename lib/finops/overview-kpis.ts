import type { Dimension } from "@/lib/dimensions";
import type { SummaryMeasures } from "@/lib/schemas/summary";
import { metricById } from "./explorer-metrics";
import { formatInt, formatUsd, formatUsdSigned, formatUsdUnit } from "./format";
import { Money } from "./money";

/**
 * Headline figures and their change against the previous period. Pure, so labels, definitions, rounding and
 * the colour of a change are tested together. Money differences are exact decimals, never float subtractions.
 */
export type ChangeKind = "money" | "unit-money" | "count" | "ratio" | "times";
/** Which way is good news: spend going up is bad, a cache hit rate going up is good, volume is neither. */
export type Better = "up" | "down" | "none";
/** `fresh`: the previous period had none of it, so there is no change to state: it is new. */
export type Change = { text: string; pct: string | null; direction: "up" | "down" | "flat"; tone: "bad" | "good" | "neutral"; previous: string; fresh: boolean };

const pctText = (r: number) => `${r > 0 ? "+" : r < 0 ? "−" : ""}${Math.abs(r * 100).toFixed(1)}%`;

/** Formats a value of a kind as shown on screen. */
export function formatKind(kind: ChangeKind, v: string | number | null): string {
  if (v === null) return "—"; // an undefined ratio (retry amplification where no request ends)
  switch (kind) {
    case "money":
      return formatUsd(String(v));
    case "unit-money":
      return formatUsdUnit(String(v));
    case "count":
      return formatInt(Number(v));
    case "ratio":
      return `${(Number(v) * 100).toFixed(1)}%`;
    case "times":
      return `${Number(v).toFixed(2)}×`;
  }
}

/** The change from `prev` to `cur`: absolute as shown (pp for ratios), relative when the base is not zero. */
export function change(kind: ChangeKind, cur: string | number | null, prev: string | number | null, better: Better): Change {
  // An undefined side (retry amplification with attempts but no request ending) has no change to state.
  if (cur === null || prev === null) return { text: "—", pct: null, direction: "flat", tone: "neutral", previous: formatKind(kind, prev), fresh: false };
  // Against an empty baseline "+$5,110.02" or "+∞ %" would read as growth; it is simply new.
  if (new Money(prev).isZero() && !new Money(cur).isZero()) return { text: "new", pct: null, direction: "up", tone: "neutral", previous: formatKind(kind, prev), fresh: true };
  const diff = new Money(cur).minus(prev);
  let text: string;
  let shownZero: boolean;
  if (kind === "money" || kind === "unit-money") {
    text = kind === "money" ? formatUsdSigned(diff.toFixed()) : `${diff.isNegative() ? "−" : diff.isZero() ? "" : "+"}${formatUsdUnit(diff.abs().toFixed())}`;
    shownZero = kind === "money" ? diff.toDecimalPlaces(2).isZero() : diff.isZero();
  } else if (kind === "ratio") {
    const pp = diff.times(100).toDecimalPlaces(1);
    shownZero = pp.isZero();
    text = `${pp.isNegative() ? "−" : shownZero ? "" : "+"}${pp.abs().toFixed(1)} pp`;
  } else if (kind === "times") {
    const d = diff.toDecimalPlaces(2);
    shownZero = d.isZero();
    text = `${d.isNegative() ? "−" : shownZero ? "" : "+"}${d.abs().toFixed(2)}×`;
  } else {
    shownZero = diff.isZero();
    text = `${diff.isNegative() ? "−" : shownZero ? "" : "+"}${formatInt(diff.abs().toNumber())}`;
  }
  const base = new Money(prev);
  // A ratio's relative change ("+40% of 2%") misleads; the pp difference says it. Zero base: no percentage.
  const pct = kind === "ratio" || base.isZero() ? null : pctText(diff.div(base.abs()).toNumber());
  const direction = shownZero ? "flat" : diff.isNegative() ? "down" : "up";
  const tone = direction === "flat" || better === "none" ? "neutral" : direction === better ? "good" : "bad";
  return { text, pct, direction, tone, previous: formatKind(kind, prev), fresh: false };
}

/** Cost per logical request, exact (decimal string); "0" when there were no requests. */
export function costPerRequest(m: SummaryMeasures): string {
  return m.requests === 0 ? "0" : new Money(m.cost_usd).div(m.requests).toFixed();
}

export type KpiFigure = {
  id: string;
  label: string;
  value: string;
  definition: string;
  change: Change;
  /** What the explorer link shows. */
  metric: keyof SummaryMeasures;
  groupBy: Dimension;
};

/** Spend, requests, attempts and cost per request, with their PRODUCT.md definitions and changes. */
export function kpiFigures(cur: SummaryMeasures, prev: SummaryMeasures): KpiFigure[] {
  const def = (id: keyof SummaryMeasures) => metricById(id).definition;
  return [
    { id: "spend", label: "Spend", value: formatUsd(cur.cost_usd), definition: def("cost_usd"), change: change("money", cur.cost_usd, prev.cost_usd, "down"), metric: "cost_usd", groupBy: "team" },
    { id: "requests", label: "Requests", value: formatInt(cur.requests), definition: def("requests"), change: change("count", cur.requests, prev.requests, "none"), metric: "requests", groupBy: "team" },
    { id: "attempts", label: "Call attempts", value: formatInt(cur.attempts), definition: def("attempts"), change: change("count", cur.attempts, prev.attempts, "none"), metric: "attempts", groupBy: "team" },
    {
      id: "cost-per-request",
      label: "Cost per request",
      value: formatUsdUnit(costPerRequest(cur)),
      definition: `Spend ÷ requests: what one logical request costs on average, its retries included. ${def("requests")}`,
      change: change("unit-money", costPerRequest(cur), costPerRequest(prev), "down"),
      metric: "cost_usd",
      groupBy: "model",
    },
  ];
}
