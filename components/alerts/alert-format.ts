import { formatUtcMinute } from "@/lib/finops/format";

/** Labels and formats shared by the alert views (no React). */
export const METRIC_LABEL: Record<string, string> = {
  spend: "Spend",
  cache_hit_rate: "Cache hit rate",
  retry_amplification: "Retry amplification",
  reasoning_share: "Reasoning share",
  cancellation_waste: "Cancellation waste",
  request_cost: "Cost per request",
  request_outlier: "Costly requests",
};
export const metricLabel = (m: string) => METRIC_LABEL[m] ?? m;
export const scopeLabel = (t: string, v: string) => (t === "org" ? "Organisation" : `${t} = ${v || "every value"}`);

/** One formatter for alert values on screen and in notifications (lib/alerts/describe.ts). */
export { formatMetric } from "@/lib/alerts/describe";
export const formatWindow = (from: string, to: string) => `${formatUtcMinute(from)} → ${formatUtcMinute(to)} UTC`;
export const STATUS_LABEL: Record<string, string> = { open: "Open", acknowledged: "Acknowledged", snoozed: "Snoozed", resolved: "Resolved" };
