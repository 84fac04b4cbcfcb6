import { defineOperations, json } from "@/lib/api/operation";
import { z } from "zod";
import { ChargebackQuery, ChargebackReportOut, ChargebackSettingsOut, ChargebackSettingsUpdate, CloseOut, ExportQuery, PeriodBody, ReopenBody, RuleBody, RuleOut } from "@/lib/schemas/chargeback";

/** Chargeback / showback: period reports, close and reopen, the allocation rule, settings, exports. */

const MONEY = "Money is a decimal string with 2 decimals (USD cents): every report's lines add up to its total exactly (largest-remainder rounding, ties by team slug).";
const PERIOD = "A month as YYYY-MM, cut in the organisation's zone from its month start day (GET /api/v1/settings/org).";

export const chargeback = defineOperations({
  getChargebackReport: {
    method: "get",
    path: "/api/v1/chargeback",
    tag: "Chargeback",
    summary: "A period's chargeback report",
    description: `Every team's direct cost, allocated shared cost, adjustments and total, the pool's makeup, and the adjustment lines. An open period is computed from the events; a closed one is the frozen report (\`closed.hash\` is its SHA-256, \`closed.verified\` says it still matches). ${MONEY}`,
    auth: { permission: "chargeback:read" },
    query: ChargebackQuery,
    queryDocs: { period: PERIOD + " Default: the current period.", rule: "Preview a rule on an open period without saving it.", attribution: "executed (default) or originated: who pays for traced calls. Both give the same total." },
    responses: { "200": json("The report.", "ChargebackReport", ChargebackReportOut) },
  },
  closeChargebackPeriod: {
    method: "post",
    path: "/api/v1/chargeback/close",
    tag: "Chargeback",
    summary: "Close a period",
    description: "Freezes the report (both attributions, every line, the rule, who and when, SHA-256 of its canonical JSON). A period must have ended. Later events for it appear as adjustments in the next open period. Audited.",
    auth: { permission: "period:close" },
    body: { name: "ChargebackPeriodBody", schema: PeriodBody },
    errors: ["conflict"],
    responses: { "200": json("Closed.", "ChargebackCloseResult", CloseOut) },
  },
  reopenChargebackPeriod: {
    method: "post",
    path: "/api/v1/chargeback/reopen",
    tag: "Chargeback",
    summary: "Reopen a closed period (admin)",
    description: "Admin only. The frozen report is kept, marked superseded; the audit log records the before (hash, total, who closed) and after. Adjustments already billed in later periods are taken back in the reopened period.",
    auth: { permission: "period:close" },
    body: { name: "ChargebackReopenBody", schema: ReopenBody },
    errors: ["conflict"],
    responses: { "200": json("Reopened.", "ChargebackReopenResult", CloseOut) },
  },
  setChargebackRule: {
    method: "put",
    path: "/api/v1/chargeback/rule",
    tag: "Chargeback",
    summary: "Choose an open period's allocation rule",
    description: "proportional (to direct cost; all-zero direct cost falls back to an even split), even, or fixed percentages per team that must sum to exactly 100. A closed period's rule is frozen (409). Audited.",
    auth: { permission: "period:close" },
    body: { name: "ChargebackRuleBody", schema: RuleBody },
    errors: ["conflict"],
    responses: { "200": json("The saved rule.", "ChargebackRule", RuleOut) },
  },
  getChargebackSettings: {
    method: "get",
    path: "/api/v1/chargeback/settings",
    tag: "Chargeback",
    summary: "Chargeback settings",
    description: "Teams and services marked as shared platform (their spend joins the pool), where evaluation spend goes, wording, default rule.",
    auth: { permission: "chargeback:read" },
    query: z.object({}),
    responses: { "200": json("The settings.", "ChargebackSettings", ChargebackSettingsOut) },
  },
  updateChargebackSettings: {
    method: "patch",
    path: "/api/v1/chargeback/settings",
    tag: "Chargeback",
    summary: "Change chargeback settings",
    description: "Changes apply to open periods; for a closed period they appear as adjustments in the next open one. Audited.",
    auth: { permission: "period:close" },
    body: { name: "ChargebackSettingsUpdate", schema: ChargebackSettingsUpdate },
    responses: { "200": json("The settings.", "ChargebackSettings", ChargebackSettingsOut) },
  },
  exportChargeback: {
    method: "get",
    path: "/api/v1/chargeback/export",
    tag: "Chargeback",
    summary: "Download a period's report",
    description: "csv: the report lines and total (or, with `team`, that team's breakdown); focus: FOCUS 1.2-shaped rows (usage per team, model and day with tokens as ConsumedQuantity; allocation and adjustment rows; team as SubAccountId and tag); pdf: the printable report. Σ amounts = the report's total_usd. Text cells are neutralized against formula injection. Audited.",
    auth: { permission: "chargeback:read" },
    query: ExportQuery,
    queryDocs: { period: PERIOD, format: "csv, focus or pdf.", attribution: "executed (default) or originated.", team: "csv only: one team's breakdown (\"\" for the unallocated line)." },
    errors: ["not_found"],
    responses: {
      "200": {
        description: "The file (Content-Disposition: attachment).",
        content: { "text/csv": { schema: { type: "string" } }, "application/pdf": { schema: { type: "string", format: "binary" } } },
      },
    },
  },
});
