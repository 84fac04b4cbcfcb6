import { stringify } from "csv-stringify/browser/esm/sync";
import type { FullReport } from "./chargeback";
import { startOfLocalDay } from "./calendar";
import { csvSafeCell } from "./csv-safe";
import { Money } from "./money";
import { valueLabel } from "./format";

/**
 * Chargeback exports as CSV. Every text cell goes through csvSafeCell (formula injection); money is the
 * report's cents as plain decimals, so each file's amounts add up to the page's total exactly.
 */
const safe = (rows: (string | number | null)[][]) => stringify(rows.map((r) => r.map((c) => csvSafeCell(c))));
const teamLabel = (team: string) => (team === "" ? "(unallocated)" : team);
// A share as a spreadsheet reads it: "12.34%" is 0.1234 shown as a percentage.
const percent = (share: string) => `${new Money(share).times(100).toFixed(2)}%`;

/** The report's lines (one per team, then every adjustment line, then the total). */
export function chargebackCsv(r: FullReport): string {
  const head = ["period", "status", "attribution", "rule", "line", "team", "team_name", "direct_usd", "allocated_usd", "adjustments_usd", "total_usd", "share", "source_period", "reason"];
  const base = [r.period, r.status, r.attribution, r.rule];
  return safe([
    head,
    ...r.teams.map((t) => [...base, "team", teamLabel(t.team), t.name, t.direct_usd, t.allocated_usd, t.adjustments_usd, t.total_usd, percent(t.share), "", ""]),
    ...r.adjustments.map((a) => [...base, "adjustment_detail", teamLabel(a.team), "", "", "", a.amount_usd, "", "", a.source_period, a.reason]),
    [...base, "total", "", "", sum(r.teams.map((t) => t.direct_usd)), sum(r.teams.map((t) => t.allocated_usd)), r.adjustments_usd, r.total_usd, r.teams.length ? "100.00%" : "0.00%", "", ""],
  ]);
}

/** One team's lines: its charge, then its direct cost by repo, feature, model and environment. */
export function chargebackTeamCsv(r: FullReport, team: string): string | null {
  const t = r.teams.find((x) => x.team === team);
  if (!t) return null;
  const rows: (string | number | null)[][] = [["period", "team", "dimension", "key", "amount_usd"]];
  for (const [dim, list] of Object.entries(t.breakdown)) for (const b of list) rows.push([r.period, teamLabel(team), dim, valueLabel(b.key), b.amount_usd]);
  rows.push([r.period, teamLabel(team), "direct", "", t.direct_usd], [r.period, teamLabel(team), "allocated", "", t.allocated_usd], [r.period, teamLabel(team), "adjustments", "", t.adjustments_usd], [r.period, teamLabel(team), "total", "", t.total_usd]);
  return safe(rows);
}

const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Money(0)).toFixed(2);

export const FOCUS_COLUMNS = [
  "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency",
  "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
  "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency",
  "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit",
  "ProviderName", "PublisherName", "InvoiceIssuerName", "ServiceName", "ServiceCategory", "ServiceSubcategory",
  "SkuId", "ResourceId", "ResourceName", "ResourceType",
  "SubAccountId", "SubAccountName", "BillingAccountId", "BillingAccountName", "Tags",
  "x_AllocationRule", "x_Attribution", "x_SourcePeriod", "x_PeriodStatus",
] as const;

/**
 * FOCUS 1.2-shaped rows (STANDARDS.md): direct usage per team, provider, model and local day (tokens as the
 * consumed quantity), one shared-cost allocation row per team, and adjustments (ChargeCategory Adjustment,
 * ChargeClass Correction, charge period = the corrected period). The team is the sub-account and a tag.
 * Σ BilledCost = the report's total. Internal chargeback: cost is billed = effective = list = contracted.
 */
export function chargebackFocusCsv(r: FullReport): string {
  const tz = r.time_zone;
  const iso = (day: string) => startOfLocalDay(day, tz).toISOString();
  const nextDay = (day: string) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1)).toISOString().slice(0, 10);
  const names = new Map(r.teams.map((t) => [t.team, t.name]));
  const common = { BillingCurrency: "USD", BillingPeriodStart: iso(r.from), BillingPeriodEnd: iso(r.to), InvoiceIssuerName: "TokenLedger internal chargeback", BillingAccountId: "organisation", BillingAccountName: "Organisation", x_AllocationRule: r.rule, x_Attribution: r.attribution, x_PeriodStatus: r.status };
  const teamCols = (team: string) => ({ SubAccountId: team === "" ? "unallocated" : team, SubAccountName: names.get(team) ?? team, Tags: JSON.stringify(team === "" ? {} : { team }) });
  const money = (usd: string) => ({ BilledCost: usd, EffectiveCost: usd, ListCost: usd, ContractedCost: usd });
  const rows: Record<string, string | number>[] = [];
  for (const u of r.usage)
    rows.push({
      ...common, ...money(u.amount_usd), ...teamCols(u.team),
      ChargePeriodStart: iso(u.day), ChargePeriodEnd: iso(nextDay(u.day)), ChargeCategory: "Usage", ChargeClass: "", ChargeDescription: `${u.model} tokens (${u.events} calls)`, ChargeFrequency: "Usage-Based",
      ConsumedQuantity: u.tokens, ConsumedUnit: "Tokens", PricingQuantity: u.tokens, PricingUnit: "Tokens",
      ProviderName: u.provider, PublisherName: u.provider, ServiceName: `${u.provider} models`, ServiceCategory: "AI and Machine Learning", ServiceSubcategory: "Generative AI",
      SkuId: `${u.provider}/${u.model}`, ResourceId: `${u.provider}/${u.model}`, ResourceName: u.model, ResourceType: "Model",
      Tags: JSON.stringify({ team: u.team }),
    });
  for (const t of r.teams) {
    if (new Money(t.allocated_usd).isZero()) continue;
    rows.push({
      ...common, ...money(t.allocated_usd), ...teamCols(t.team),
      ChargePeriodStart: iso(r.from), ChargePeriodEnd: iso(r.to), ChargeCategory: "Usage", ChargeClass: "", ChargeDescription: `Shared cost allocation (${r.applied_rule})`, ChargeFrequency: "Recurring",
      ProviderName: "TokenLedger", PublisherName: "TokenLedger", ServiceName: "Shared platform", ServiceCategory: "AI and Machine Learning", ServiceSubcategory: "Generative AI",
      ResourceId: "shared-pool", ResourceName: "Shared cost pool", ResourceType: "Allocation",
    });
  }
  for (const a of r.adjustments)
    rows.push({
      ...common, ...money(a.amount_usd), ...teamCols(a.team),
      ChargePeriodStart: iso(a.source_from), ChargePeriodEnd: iso(a.source_to), ChargeCategory: "Adjustment", ChargeClass: "Correction", ChargeDescription: a.reason, ChargeFrequency: "One-Time",
      ProviderName: "TokenLedger", PublisherName: "TokenLedger", ServiceName: "Chargeback adjustment", ServiceCategory: "AI and Machine Learning", ServiceSubcategory: "Generative AI",
      ResourceId: `adjustment/${a.source_period}`, ResourceName: `Adjustment for ${a.source_period}`, ResourceType: "Adjustment", x_SourcePeriod: a.source_period,
    });
  return safe([[...FOCUS_COLUMNS], ...rows.map((row) => FOCUS_COLUMNS.map((c) => row[c] ?? ""))]);
}
