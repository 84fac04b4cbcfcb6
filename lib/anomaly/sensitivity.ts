/** Sensitivity of a rule → score threshold (robust z). Pure data: the browser's forms and schemas read it too. */
export const SENSITIVITY_THRESHOLDS = { low: 6, medium: 4.5, high: 3.5 } as const;
export type Sensitivity = keyof typeof SENSITIVITY_THRESHOLDS;

/** The metrics an alert rule can watch (definitions: lib/alerts/metrics.ts). */
export const ALERT_METRICS = ["spend", "cache_hit_rate", "retry_amplification", "reasoning_share", "cancellation_waste", "request_cost", "request_outlier"] as const;
