import { Money } from "./money";

/**
 * The only place amounts become text. Currency is shown to the cent (half-even, as stored sums round);
 * the exact value stays available for tooltips and exports.
 */
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * THE money rule, for every page, chart, CSV-facing label and PDF: cents (half-even, as stored sums round) for
 * amounts of a dollar or more ("$1,234.57"), three significant digits below ("$0.431", "$0.00412",
 * "$0.0000025"), so a sub-cent cost never reads "$0.00". Zero is "$0.00". Computed from the decimal string,
 * never through a float sum; the exact value belongs in a title beside it.
 */
export function formatUsd(amount: string): string {
  const v = new Money(amount);
  if (v.isZero() || v.abs().gte(1)) {
    // A value rounded to the cent has at most 2 decimals, which a double represents closely enough to print.
    return usd.format(v.toDecimalPlaces(2, Money.ROUND_HALF_EVEN).toNumber());
  }
  const [int, frac = ""] = v.abs().toSignificantDigits(3, Money.ROUND_HALF_EVEN).toFixed().split(".");
  // 0.9996 rounds to 1.00 at three digits: that is a dollar, shown with its cents.
  return `${v.isNeg() ? "-" : ""}$${int}.${frac.padEnd(2, "0")}`;
}

/** Per-call amounts: the same rule as every other amount (kept as a name the trace views use). */
export const formatUsdFine = formatUsd;

/** "$1.2K" for axis ticks only. */
export function formatUsdCompact(amount: number): string {
  return usdCompact.format(amount);
}

export function formatInt(n: number): string {
  return integer.format(n);
}

/** "Nov 3" for a YYYY-MM-DD day. */
/** An API instant (ISO 8601, UTC) to the minute as "YYYY-MM-DD HH:MM" (labels say UTC). */
export function formatUtcMinute(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}

export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** The one name of the empty value of any dimension (no team, no repo, no session…), on every page and export. */
export const UNATTRIBUTED = "Unattributed";

/** A dimension value as shown: "" is "Unattributed", everywhere (never "(none)"). */
export function valueLabel(key: string): string {
  return key === "" ? UNATTRIBUTED : key;
}

/** A team key as shown: "" is the unattributed bucket. */
export const teamLabel = valueLabel;

/** A per-million-tokens rate as "$0.10", "$0.075", "$15.00": at least cents, never fewer digits than exact. */
export function formatRate(perMillionTokens: string): string {
  const v = new Money(perMillionTokens);
  return `$${v.decimalPlaces() < 2 ? v.toFixed(2) : v.toFixed()}`;
}

/** "+$12.30" / "−$4.00": a signed amount for changes, rounded like formatUsd. */
export function formatUsdSigned(amount: string): string {
  const v = new Money(amount);
  const text = formatUsd(v.abs().toFixed());
  return v.isZero() ? text : `${v.isNegative() ? "−" : "+"}${text}`;
}

/** Unit amounts such as cost per request: the same rule as every other amount. */
export const formatUsdUnit = formatUsd;

const dayYear = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
};

/** "Oct 2 – Oct 31, 2026" for [from, to) with `to` exclusive: people read the last day, not the day after. */
export function formatDayRange(from: string, toExclusive: string): string {
  const last = new Date(Date.parse(toExclusive) - 86_400_000).toISOString().slice(0, 10);
  if (last <= from) return dayYear(from);
  return from.slice(0, 4) === last.slice(0, 4) ? `${formatDay(from)} – ${dayYear(last)}` : `${dayYear(from)} – ${dayYear(last)}`;
}

/** "Tue, Nov 3, 2026": a day with its weekday, for "why did spend jump on Tuesday?". */
export function formatWeekday(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/**
 * A duration in the unit a person reads it in: "420 ms", "12.5 s", "38 min", "1 h 52 min", "3 h"; null (not
 * measured) is "–". One rule for the trace's length, its timeline axis and each call's latency.
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return m === 0 || h >= 24 ? `${Math.round(minutes / 60)} h` : `${h} h ${m} min`;
}
