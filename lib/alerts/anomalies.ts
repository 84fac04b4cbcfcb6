import { TZDate } from "@date-fns/tz";
import { InvalidInputError } from "@/lib/errors";
import type { TeamScope } from "@/lib/auth/roles";
import { listAlerts } from "@/lib/db/alerts";
import { METRICS, isAlertMetric } from "./metrics";

/** Local midnight of a YYYY-MM-DD day in `tz`, as an instant. */
function localMidnight(day: string, tz: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, tz).getTime());
}

/** Alerts (open and recent, any status) whose windows touch [from, to) in the zone: markers for charts. */
export async function anomaliesBetween(scope: TeamScope, from: string, to: string, tz: string) {
  const start = localMidnight(from, tz);
  const end = localMidnight(to, tz);
  if (end <= start) throw new InvalidInputError("to: must be after from (to is exclusive)");
  const rows = await listAlerts(scope, { from: start, to: end, limit: 1000 });
  return {
    anomalies: rows.map((a) => ({
      id: a.id,
      title: `${isAlertMetric(a.metric) ? METRICS[a.metric].label : a.metric} · ${a.scopeType === "org" ? "organisation" : `${a.scopeType}=${a.scopeValue}`}`,
      metric: a.metric,
      scopeType: a.scopeType,
      scopeValue: a.scopeValue,
      status: a.status,
      from: a.windowStart.toISOString(),
      to: a.windowEnd.toISOString(),
      impactUsd: a.impactUsd,
    })),
  };
}
