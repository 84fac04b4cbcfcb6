import { z } from "zod";
import { ALERT_METRICS, SENSITIVITY_THRESHOLDS } from "@/lib/anomaly/sensitivity";
import { TimeZone } from "./summary";

/** Alert rules, alerts, notification channels: what the API accepts and returns. */
const SCOPE_TYPES = ["org", "team", "repo", "feature", "model", "customer", "service"] as const;
const SENSITIVITIES = Object.keys(SENSITIVITY_THRESHOLDS) as [keyof typeof SENSITIVITY_THRESHOLDS, ...(keyof typeof SENSITIVITY_THRESHOLDS)[]];
const usd = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/, "must be a non-negative decimal amount of USD, e.g. \"25\" or \"2.50\"");

export const AlertRuleCreate = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120),
  metric: z.enum(ALERT_METRICS),
  scopeType: z.enum(SCOPE_TYPES).default("org"),
  scopeValue: z.string().trim().max(200).default(""),
  grain: z.enum(["hour", "day"]).default("hour"),
  sensitivity: z.enum(SENSITIVITIES).default("medium"),
  minImpactUsd: usd.default("5"),
  minVolume: z.number().int("must be a whole number").min(0).max(1_000_000).default(5),
  enabled: z.boolean().default(true),
});
export const AlertRuleUpdate = AlertRuleCreate.partial().strict();

export const AlertRuleOut = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.string(),
  scopeType: z.string(),
  scopeValue: z.string(),
  grain: z.string(),
  sensitivity: z.string(),
  minImpactUsd: z.string(),
  minVolume: z.number(),
  enabled: z.boolean(),
});
export const AlertRulesResponse = z.object({ rules: z.array(AlertRuleOut) });

export const ALERT_STATUSES = ["open", "acknowledged", "snoozed", "resolved"] as const;
export const AlertListQuery = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const list = s ? s.split(",").map((x) => x.trim()).filter(Boolean) : [];
      for (const v of list) if (!(ALERT_STATUSES as readonly string[]).includes(v)) ctx.addIssue({ code: "custom", message: `unknown status "${v}": use ${ALERT_STATUSES.join(", ")}` });
      return list;
    }),
});

export const AlertOut = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  metric: z.string(),
  grain: z.string(),
  scopeType: z.string(),
  scopeValue: z.string(),
  team: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  peakValue: z.number(),
  peakExpected: z.number(),
  peakScore: z.number(),
  impactUsd: z.string(),
  points: z.number(),
  status: z.enum(ALERT_STATUSES),
  snoozedUntil: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** augurs' changepoint detector on the series up to the alert's latest point: level_shift, spike, or "" (costly-request alerts). */
  incidentKind: z.enum(["level_shift", "spike", ""]),
  /** A level shift: the bucket its new level starts, and the level before and after it (the metric's unit); else null. */
  shiftAt: z.string().nullable(),
  levelBefore: z.number().nullable(),
  levelAfter: z.number().nullable(),
  /** The scope's children (teams of the organisation, customers of a feature, …) augurs' MAD outlier detector marks as off in the window; null when the scope has no children to compare. */
  outliers: z.object({ dimension: z.string(), values: z.array(z.string()) }).nullable(),
  /** Both as short phrases ("Level shift: 67.0 % → 0.5 % since …", "Outlying customers: northwind"); "" when there is none. */
  kindSummary: z.string(),
  outliersSummary: z.string(),
});
export const AlertsResponse = z.object({ alerts: z.array(AlertOut) });
export const AlertPoint = z.object({ t: z.string(), value: z.number().nullable(), expected: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable(), flagged: z.boolean() });
export const AlertDetail = z.object({
  alert: AlertOut,
  series: z.array(AlertPoint),
  unit: z.enum(["usd", "ratio"]),
  /** Costly-request alerts: the flagged requests (most anomalous first), each with its trace; empty otherwise. */
  requests: z.array(z.object({ at: z.string(), cost_usd: z.string(), expected_usd: z.string(), score: z.number(), trace_id: z.string(), request_id: z.string(), attempts: z.number() })),
  deliveries: z.array(z.object({ channel: z.string(), ok: z.boolean(), attempts: z.number(), error: z.string(), at: z.string() })),
});
export const SnoozeBody = z.strictObject({ until: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-06-16T09:00:00Z" }) });
export const EvaluateBody = z.strictObject({ lookback_days: z.number().int().min(1).max(120).default(3) }).default({ lookback_days: 3 });
export const EvaluateResponse = z.object({ rules: z.number(), series: z.number(), incidents: z.number(), created: z.number(), updated: z.number(), notified: z.number(), ms: z.number(), query_ms: z.number(), detect_ms: z.number(), annotate_ms: z.number() });

export const AnomaliesQuery = z.strictObject({
  from: z.iso.date("must be a date YYYY-MM-DD"),
  to: z.iso.date("must be a date YYYY-MM-DD (exclusive)"),
  tz: TimeZone,
});
export const AnomaliesResponse = z.object({
  anomalies: z.array(z.object({ id: z.string(), title: z.string(), metric: z.string(), scopeType: z.string(), scopeValue: z.string(), status: z.string(), from: z.string(), to: z.string(), impactUsd: z.string() })),
});

export const ChannelCreate = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120),
  kind: z.enum(["email", "webhook"]),
  target: z.string().trim().min(1, "must not be empty").max(2000),
  secret: z.string().max(500).default(""),
  enabled: z.boolean().default(true),
});
export const ChannelUpdate = ChannelCreate.omit({ kind: true }).partial().strict();
export const ChannelOut = z.object({ id: z.string(), name: z.string(), kind: z.string(), target: z.string(), hasSecret: z.boolean(), enabled: z.boolean() });
export const ChannelsResponse = z.object({ channels: z.array(ChannelOut) });
export const TestSendResponse = z.object({ ok: z.boolean(), error: z.string().optional() });
export const SmtpSettingsBody = z.strictObject({
  host: z.string().trim().max(255),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z.string().max(255).default(""),
  password: z.string().max(500).optional(),
  fromAddr: z.email("must be an email address").default("tokenledger@localhost"),
});
export const SmtpSettingsOut = z.object({ host: z.string(), port: z.number(), secure: z.boolean(), user: z.string(), hasPassword: z.boolean(), fromAddr: z.string() });
