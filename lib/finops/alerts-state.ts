import { parseAsStringLiteral } from "nuqs/server";
import { queryWriter } from "./url-state";

/**
 * The Alerts page's address: ?tab=alerts|rules|channels&status=active|open|acknowledged|snoozed|resolved|all,
 * both left out at their defaults (the active alerts). Declared once: the page reads it with these parsers and
 * links to it are written by alertsHref.
 */
export const ALERT_TABS = ["alerts", "rules", "channels"] as const;
export const ALERT_STATUS_FILTERS = [
  { id: "active", label: "Active", api: "open,acknowledged" },
  { id: "open", label: "Open", api: "open" },
  { id: "acknowledged", label: "Acknowledged", api: "acknowledged" },
  { id: "snoozed", label: "Snoozed", api: "snoozed" },
  { id: "resolved", label: "Resolved", api: "resolved" },
  { id: "all", label: "All", api: "" },
] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number]["id"];

export const alertsParsers = {
  tab: parseAsStringLiteral(ALERT_TABS).withDefault("alerts"),
  status: parseAsStringLiteral(ALERT_STATUS_FILTERS.map((f) => f.id)).withDefault("active"),
};
const writeAlerts = queryWriter(alertsParsers);

/** `/alerts` with a tab and a status filter (defaults left out). */
export const alertsHref = (v: { tab?: (typeof ALERT_TABS)[number]; status?: AlertStatusFilter }) => {
  const q = writeAlerts(v).toString();
  return q ? `/alerts?${q}` : "/alerts";
};
