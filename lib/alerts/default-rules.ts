import { countRules, createRule, type RuleInput } from "@/lib/db/alerts";

/**
 * The rules a new installation starts with (created once, when there are none; editable in Alerts → Rules).
 * One per signal in PRODUCT.md: spend by team (daily) and by feature (hourly), and each waste ratio on the
 * dimension where its incidents show (features, services, customers).
 */
export const DEFAULT_RULES: RuleInput[] = [
  { name: "Spend per team (daily)", metric: "spend", scopeType: "team", scopeValue: "", grain: "day", sensitivity: "low", minImpactUsd: "100", minVolume: 20, enabled: true },
  { name: "Spend per feature (hourly)", metric: "spend", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "low", minImpactUsd: "100", minVolume: 3, enabled: true },
  { name: "Cache hit rate per feature", metric: "cache_hit_rate", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "medium", minImpactUsd: "0.5", minVolume: 3, enabled: true },
  { name: "Retry amplification per service", metric: "retry_amplification", scopeType: "service", scopeValue: "", grain: "hour", sensitivity: "medium", minImpactUsd: "0.25", minVolume: 3, enabled: true },
  { name: "Reasoning share per feature", metric: "reasoning_share", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "medium", minImpactUsd: "0.5", minVolume: 3, enabled: true },
  { name: "Cancellation waste per feature", metric: "cancellation_waste", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "medium", minImpactUsd: "0.5", minVolume: 3, enabled: true },
  // One request must cost at least the minimum impact ($0.10) and be far above its feature's 14-day median
  // (low sensitivity: 6 σ of ln cost, ~50–100× the median; at 4.5 a long agent session now and then passes).
  { name: "Costly requests per feature", metric: "request_outlier", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "low", minImpactUsd: "0.1", minVolume: 30, enabled: true },
  { name: "Cost per request per feature", metric: "request_cost", scopeType: "feature", scopeValue: "", grain: "hour", sensitivity: "low", minImpactUsd: "2", minVolume: 3, enabled: true },
];

export async function ensureDefaultRules(): Promise<number> {
  if ((await countRules()) > 0) return 0;
  for (const r of DEFAULT_RULES) await createRule(r);
  return DEFAULT_RULES.length;
}
