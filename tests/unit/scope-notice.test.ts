import { describe, expect, it } from "vitest";
import { teamsOutOfScope } from "@/lib/finops/scope-notice";

describe("a view filtered to teams outside the viewer's scope says so", () => {
  it("lists the filtered teams a lead cannot see, and none for an admin or an unfiltered view", () => {
    const lead = { all: false, teams: ["platform"] };
    expect(teamsOutOfScope(["growth", "platform", ""], lead)).toEqual(["growth", ""]);
    expect(teamsOutOfScope(["platform"], lead)).toEqual([]);
    expect(teamsOutOfScope(undefined, lead)).toEqual([]);
    expect(teamsOutOfScope(["growth"], { all: true, teams: [] })).toEqual([]);
  });
});
