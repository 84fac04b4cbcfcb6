import { describe, expect, it } from "vitest";
import { changeQuery, exploreLink, tracesLink } from "@/lib/alerts/links";
import { alertsHref, alertsParsers } from "@/lib/finops/alerts-state";
import { chargebackHref, chargebackParsers } from "@/lib/finops/chargeback-state";
import { addDays, daysBetween, lastDays, localDate, previousRange } from "@/lib/finops/date-range";
import { explorerQuery, parseExplorerState } from "@/lib/finops/explorer-state";
import { exploreHref as overviewExploreHref } from "@/lib/finops/overview-links";
import { overviewHref, parseOverviewState } from "@/lib/finops/overview-state";
import { settingsHref, settingsParsers } from "@/lib/finops/settings-state";
import { contextLinks } from "@/lib/finops/trace-links";
import { parseTraceListState, tracesQuery } from "@/lib/finops/trace-list-state";
import { ignoredParams } from "@/lib/finops/url-notices";
import { queryReader } from "@/lib/finops/url-state";

const NOW = new Date("2026-03-29T22:30:00Z");
const search = (href: string) => new URLSearchParams(href.includes("?") ? href.slice(href.indexOf("?") + 1) : href);

describe("day ranges: one set of helpers for every page", () => {
  it("does calendar arithmetic across month ends and DST changes", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-29", -1)).toBe("2026-03-28");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(previousRange({ from: "2026-03-01", to: "2026-03-08" })).toEqual({ from: "2026-02-22", to: "2026-03-01" });
  });
  it("takes today in the zone asked", () => {
    // 22:30 UTC on March 29 is already March 30 in Paris (summer time began that morning) and in Tokyo.
    expect(localDate(NOW, "UTC")).toBe("2026-03-29");
    expect(localDate(NOW, "Europe/Paris")).toBe("2026-03-30");
    expect(lastDays(7, "Asia/Tokyo", NOW)).toEqual({ from: "2026-03-24", to: "2026-03-31" });
    expect(lastDays(1, "America/Los_Angeles", NOW)).toEqual({ from: "2026-03-29", to: "2026-03-30" });
  });
});

describe("each page's parsers read the links other pages write", () => {
  it("overview → explore: a stack drill opens the explorer on exactly that view", () => {
    const href = overviewExploreHref({ from: "2026-03-02", to: "2026-03-03", tz: "Europe/Paris", groupBy: "repo", bucket: "hour", filters: { team: "" } });
    expect(href).toBe("/explore?from=2026-03-02&to=2026-03-03&tz=Europe%2FParis&bucket=hour&group_by=repo&metric=cost_usd&team=");
    const s = parseExplorerState(search(href), NOW);
    expect(s).toMatchObject({ from: "2026-03-02", to: "2026-03-03", tz: "Europe/Paris", bucket: "hour", groupBy: "repo", include: { team: [""] } });
    expect(ignoredParams(search(href), explorerQuery(s))).toEqual([]);
  });
  it("trace view → explore and traces, alerts → explore, traces and change", () => {
    const links = contextLinks("2026-03-10T23:59:00Z", "2026-03-11T00:01:00Z", "session_id", "s-1");
    expect(parseExplorerState(search(links.explore), NOW)).toMatchObject({ from: "2026-03-10", to: "2026-03-12", groupBy: "feature", include: { session_id: ["s-1"] } });
    expect(parseTraceListState(search(links.traces), NOW)).toEqual({ from: "2026-03-10", to: "2026-03-12", tz: "UTC", include: { session_id: ["s-1"] }, exclude: {} });
    const alert = { scopeType: "feature", scopeValue: "chat", windowStart: "2026-03-10T05:00:00Z", windowEnd: "2026-03-10T08:00:00Z" };
    expect(exploreLink(alert)).toBe("/explore?from=2026-03-10&to=2026-03-11&tz=UTC&bucket=hour&feature=chat");
    expect(tracesLink(alert)).toBe("/traces?from=2026-03-10&to=2026-03-11&tz=UTC&feature=chat");
    expect(changeQuery(alert)).toBe("from=2026-03-10&to=2026-03-11&base_from=2026-03-03&base_to=2026-03-04&tz=UTC&feature=chat");
    expect(exploreLink({ ...alert, scopeType: "org", scopeValue: "" })).toBe("/explore?from=2026-03-10&to=2026-03-11&tz=UTC&bucket=hour");
  });
  it("round-trips the overview, traces, chargeback, settings and alerts addresses", () => {
    const o = parseOverviewState(search("from=2026-03-01&to=2026-03-08&tz=Asia%2FTokyo&stack=model"), NOW);
    expect(overviewHref(o)).toBe("/overview?from=2026-03-01&to=2026-03-08&tz=Asia%2FTokyo&stack=model");
    const t = parseTraceListState(search("from=2026-03-01&to=2026-03-08&tz=UTC&team=a&team=b&exclude_model=o3&group_by=repo"), NOW);
    expect(tracesQuery(t).toString()).toBe("from=2026-03-01&to=2026-03-08&tz=UTC&team=a&team=b&exclude_model=o3");
    expect(chargebackHref({ period: "2026-02", attribution: "originated" })).toBe("/chargeback?period=2026-02&attribution=originated");
    expect(queryReader(chargebackParsers)(search("period=2026-2&attribution=both"))).toEqual({ period: null, attribution: null });
    // A month that does not exist is not applied either (it was, and asked the API for month 13).
    expect(queryReader(chargebackParsers)(search("period=2026-13")).period).toBeNull();
    expect(queryReader(chargebackParsers)(search("period=2026-00")).period).toBeNull();
    expect(queryReader(chargebackParsers)(search("period=2026-12")).period).toBe("2026-12");
    expect(queryReader(settingsParsers)(search(settingsHref("unpriced")))).toEqual({ tab: "unpriced" });
    expect(alertsHref({ tab: "alerts", status: "active" })).toBe("/alerts");
    expect(alertsHref({ tab: "rules" })).toBe("/alerts?tab=rules");
    expect(queryReader(alertsParsers)(search("tab=nope&status=resolved"))).toEqual({ tab: "alerts", status: "resolved" });
  });
  it("applies no zone Intl does not know, and says so", () => {
    const given = search("from=2026-03-01&to=2026-03-08&tz=Mars%2FBase");
    const s = parseExplorerState(given, NOW);
    expect(s.tz).toBe("UTC");
    expect(ignoredParams(given, explorerQuery(s))).toEqual(["tz=Mars/Base"]);
    expect(parseTraceListState(given, NOW).tz).toBe("UTC");
  });
});
