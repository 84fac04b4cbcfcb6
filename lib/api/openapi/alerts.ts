import { z } from "zod";
import { IdParams } from "@/lib/schemas/settings";
import {
  AlertDetail, AlertListQuery, AlertOut, AlertRuleCreate, AlertRuleOut, AlertRulesResponse, AlertRuleUpdate, AlertsResponse, AnomaliesQuery, AnomaliesResponse,
  ChannelCreate, ChannelOut, ChannelsResponse, ChannelUpdate, EvaluateBody, EvaluateResponse, SmtpSettingsBody, SmtpSettingsOut, SnoozeBody, TestSendResponse,
} from "@/lib/schemas/alerts";
import type { Spec } from "./builder";

/** Anomaly alerts, their rules, notification channels and SMTP settings. */
export function addAlerts(spec: Spec): void {
  const id = (what: string) => ({ id: { schema: IdParams.shape.id, description: `The ${what}'s id.` } });
  const one = () => spec.json("The alert.", "AlertOut", AlertOut);
  let tag = "Alerts";
  const SCOPE = "Leads and viewers see only alerts whose series belongs to one of their teams.";
  spec.add("get", "/api/v1/alerts", { id: "listAlerts", tag, summary: "Anomaly alerts, newest first", description: SCOPE, auth: { permission: "spend:read" }, query: AlertListQuery, queryDocs: { status: "Comma-separated statuses to keep: open, acknowledged, snoozed, resolved." }, responses: { "200": spec.json("The alerts.", "AlertsResponse", AlertsResponse) } });
  spec.add("get", "/api/v1/alerts/{id}", { id: "getAlert", tag, summary: "One alert with its series and expected band", description: `The series around the alert's window (value, expected, band) and its notification deliveries. ${SCOPE}`, auth: { permission: "spend:read" }, pathParams: id("alert"), responses: { "200": spec.json("The alert.", "AlertDetail", AlertDetail) }, errors: ["not_found"] });
  for (const [act, summary] of [["ack", "Acknowledge an alert"], ["resolve", "Resolve an alert"]] as const)
    spec.add("post", `/api/v1/alerts/{id}/${act}`, { id: `${act}Alert`, tag, summary, description: "Recorded on the alert (who, when) and in the audit log. Needs budgets:write for the alert's team.", auth: { permission: "spend:read" }, pathParams: id("alert"), responses: { "200": one() }, errors: ["not_found", "conflict"] });
  spec.add("post", "/api/v1/alerts/{id}/snooze", { id: "snoozeAlert", tag, summary: "Snooze an alert until a time", description: "It becomes open again at `until`. Audited.", auth: { permission: "spend:read" }, pathParams: id("alert"), body: { name: "SnoozeBody", schema: SnoozeBody }, responses: { "200": one() }, errors: ["not_found", "conflict"] });
  spec.add("post", "/api/v1/alerts/evaluate", { id: "evaluateAlerts", tag, summary: "Evaluate every rule now", description: "The same evaluation the hourly schedule runs, over the last `lookback_days` days. New alerts are notified.", auth: { permission: "budgets:write" }, body: { name: "EvaluateBody", schema: EvaluateBody }, responses: { "200": spec.json("What ran.", "EvaluateResponse", EvaluateResponse) } });
  spec.add("get", "/api/v1/anomalies", { id: "listAnomalies", tag, summary: "Alert windows for chart markers", description: `Alerts whose windows touch [from, to) (local days in tz). ${SCOPE}`, auth: { permission: "spend:read" }, query: AnomaliesQuery, queryDocs: { from: "First day, YYYY-MM-DD.", to: "Day after the last, YYYY-MM-DD (exclusive).", tz: "IANA time zone of the days." }, responses: { "200": spec.json("The windows.", "AnomaliesResponse", AnomaliesResponse) } });

  tag = "Alert rules";
  spec.add("get", "/api/v1/alert-rules", { id: "listAlertRules", tag, summary: "Alert rules", auth: { permission: "spend:read" }, responses: { "200": spec.json("The rules.", "AlertRulesResponse", AlertRulesResponse) } });
  spec.add("post", "/api/v1/alert-rules", { id: "createAlertRule", tag, summary: "Create an alert rule", description: "Needs budgets:write: for every team, or (a lead) for the team a team-scoped rule names. Audited.", auth: "signed-in", body: { name: "AlertRuleCreate", schema: AlertRuleCreate }, responses: { "200": spec.json("The rule.", "AlertRuleOut", AlertRuleOut) }, errors: ["forbidden"] });
  spec.add("patch", "/api/v1/alert-rules/{id}", { id: "updateAlertRule", tag, summary: "Change an alert rule", description: "Audited with before and after.", auth: "signed-in", pathParams: id("rule"), body: { name: "AlertRuleUpdate", schema: AlertRuleUpdate }, responses: { "200": spec.json("The rule.", "AlertRuleOut", AlertRuleOut) }, errors: ["forbidden", "not_found"] });
  spec.add("delete", "/api/v1/alert-rules/{id}", { id: "deleteAlertRule", tag, summary: "Delete an alert rule and its alerts", auth: "signed-in", pathParams: id("rule"), responses: { "200": spec.json("The deleted rule.", "AlertRuleDeleted", z.object({ deleted: AlertRuleOut })) }, errors: ["forbidden", "not_found"] });

  tag = "Notification channels";
  spec.add("get", "/api/v1/notification-channels", { id: "listChannels", tag, summary: "Notification channels (secrets never returned)", auth: { permission: "settings:read" }, responses: { "200": spec.json("The channels.", "ChannelsResponse", ChannelsResponse) } });
  spec.add("post", "/api/v1/notification-channels", { id: "createChannel", tag, summary: "Add an email or webhook channel", description: "Webhooks get a JSON POST that is a Slack incoming-webhook payload, signed with X-TokenLedger-Signature (HMAC-SHA256 of \"<timestamp>.<body>\") when a secret is set.", auth: { permission: "rules:write" }, body: { name: "ChannelCreate", schema: ChannelCreate }, responses: { "200": spec.json("The channel.", "ChannelOut", ChannelOut) } });
  spec.add("patch", "/api/v1/notification-channels/{id}", { id: "updateChannel", tag, summary: "Change a channel", auth: { permission: "rules:write" }, pathParams: id("channel"), body: { name: "ChannelUpdate", schema: ChannelUpdate }, responses: { "200": spec.json("The channel.", "ChannelOut", ChannelOut) }, errors: ["not_found"] });
  spec.add("delete", "/api/v1/notification-channels/{id}", { id: "deleteChannel", tag, summary: "Delete a channel", auth: { permission: "rules:write" }, pathParams: id("channel"), responses: { "200": spec.json("The deleted channel.", "ChannelDeleted", z.object({ deleted: ChannelOut })) }, errors: ["not_found"] });
  spec.add("post", "/api/v1/notification-channels/{id}/test", { id: "testChannel", tag, summary: "Send a test notification", auth: { permission: "rules:write" }, pathParams: id("channel"), responses: { "200": spec.json("Whether it was delivered.", "TestSendResponse", TestSendResponse) }, errors: ["not_found"] });
  spec.add("get", "/api/v1/settings/smtp", { id: "getSmtpSettings", tag, summary: "SMTP server for email channels", auth: { permission: "settings:read" }, responses: { "200": spec.json("The settings (no password).", "SmtpSettingsOut", SmtpSettingsOut) } });
  spec.add("patch", "/api/v1/settings/smtp", { id: "saveSmtpSettings", tag, summary: "Save the SMTP server", description: "Without `password` the stored one is kept. Audited (without the password).", auth: { permission: "rules:write" }, body: { name: "SmtpSettingsBody", schema: SmtpSettingsBody }, responses: { "200": spec.json("The settings.", "SmtpSettingsOut", SmtpSettingsOut) } });
}
