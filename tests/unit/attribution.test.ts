import { describe, expect, it } from "vitest";
import { attribute, sortRules } from "@/lib/finops/attribution";

describe("attribute", () => {
  const rule = (field: string, pattern: string, matchType = "exact", priority = 10) => ({ id: `${field}-${pattern}`, field, matchType, pattern, priority, team: `team-of-${pattern}`, createdAt: new Date(0) });
  const ev = (over: Partial<Parameters<typeof attribute>[0]> = {}) => ({ team: "", repo: "", feature: "", service: "", tags: {}, ...over });
  it("keeps the event's team, then rules by priority, then the key's default", () => {
    const rules = sortRules([rule("repo", "a/", "prefix", 20), rule("service", "svc", "exact", 10)]);
    expect(attribute(ev({ team: "own", repo: "a/x" }), "k", rules, "dflt")).toEqual({ team: "own", source: "event" });
    expect(attribute(ev({ repo: "a/x", service: "svc" }), "k", rules, "dflt")).toEqual({ team: "team-of-svc", source: "rule:service-svc" });
    expect(attribute(ev({ repo: "a/x" }), "k", rules, "dflt")).toEqual({ team: "team-of-a/", source: "rule:repo-a/" });
    expect(attribute(ev(), "k", rules, "dflt")).toEqual({ team: "dflt", source: "key" });
    expect(attribute(ev(), "k", rules, null)).toEqual({ team: "", source: "" });
  });
  it("matches tags and never reads inherited properties", () => {
    const rules = sortRules([rule("tag:constructor", "x", "prefix"), rule("tag:__proto__", "y", "prefix"), rule("tag:cost-center", "cc-")].map((r) => ({ ...r, matchType: "prefix" })));
    expect(attribute(ev({ tags: {} }), "k", rules, null)).toEqual({ team: "", source: "" });
    expect(attribute(ev({ tags: { "cost-center": "cc-42" } }), "k", rules, null).team).toBe("team-of-cc-");
  });
});
