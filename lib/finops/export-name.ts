import { DIMENSION_NAMES } from "@/lib/dimensions";

/**
 * The file name of every export (Explore's CSV, chargeback CSV/FOCUS/PDF): what it is, the period as people
 * read it (first and last day included), the time zone and the filters, so a file found in Downloads a month
 * later still says what it holds. Only [A-Za-z0-9._=+-] reach the name (safe in a Content-Disposition header and
 * on every file system); long filter lists are cut with a count of what was left out.
 * Example: tokenledger_explore-team_2026-10-01_to_2026-10-31_UTC_team=search+growth_not-environment=eval.csv
 */
export type ExportNameSpec = {
  what: string[];
  from: string;
  /** Exclusive, as in every API range; the name shows the last day included. */
  to: string;
  tz: string;
  include?: Partial<Record<string, string[]>>;
  exclude?: Partial<Record<string, string[]>>;
  ext: "csv" | "pdf";
};

const MAX_FILTER_CHARS = 120;
const clean = (s: string) => s.replace(/[^A-Za-z0-9._+-]+/g, "-").replace(/^-+|-+$/g, "") || "unattributed";
const lastDay = (to: string) => new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function exportFileName(s: ExportNameSpec): string {
  const through = lastDay(s.to);
  const period = through <= s.from ? s.from : `${s.from}_to_${through}`;
  const filters: string[] = [];
  for (const d of DIMENSION_NAMES) if (s.include?.[d]?.length) filters.push(`${d}=${s.include[d]!.map(clean).join("+")}`);
  for (const d of DIMENSION_NAMES) if (s.exclude?.[d]?.length) filters.push(`not-${d}=${s.exclude[d]!.map(clean).join("+")}`);
  let shown = filters;
  while (shown.length > 1 && shown.join("_").length > MAX_FILTER_CHARS) shown = shown.slice(0, -1);
  const cut = shown.length < filters.length ? [`and-${filters.length - shown.length}-more-filters`] : [];
  const head = shown.join("_").length > MAX_FILTER_CHARS ? [shown.join("_").slice(0, MAX_FILTER_CHARS)] : shown;
  return [["tokenledger", ...s.what.map(clean)].join("_"), period, clean(s.tz), ...head, ...cut].join("_") + `.${s.ext}`;
}
