import { afterAll, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

const store = useTempStore();
afterAll(() => store.cleanup());

describe("organisation calendar settings", () => {
  it("reads the defaults, saves a change with an audit entry, and refuses bad values", async () => {
    const { getOrgSettings, updateOrgSettings } = await import("@/lib/db/org-settings");
    const { listAudit } = await import("@/lib/db/audit");
    const { OrgSettingsUpdate } = await import("@/lib/schemas/org-settings");
    expect(await getOrgSettings()).toEqual({ timeZone: "UTC", monthStartDay: 1, weekStartsOn: 1 });

    const after = await updateOrgSettings(OrgSettingsUpdate.parse({ timeZone: "Europe/Paris", monthStartDay: 5 }), "finance@example.com");
    expect(after).toEqual({ timeZone: "Europe/Paris", monthStartDay: 5, weekStartsOn: 1 });
    expect(await getOrgSettings()).toEqual(after);
    // A partial change keeps the other fields (an absent zone is not reset to UTC).
    expect(await updateOrgSettings(OrgSettingsUpdate.parse({ weekStartsOn: 0 }), "admin")).toEqual({ timeZone: "Europe/Paris", monthStartDay: 5, weekStartsOn: 0 });

    const audit = (await listAudit()).filter((a) => a.action === "org_settings.update");
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].before ?? "{}")).toMatchObject({ timeZone: "UTC" });
    expect(audit[1].actor).toBe("finance@example.com");

    expect(OrgSettingsUpdate.safeParse({ monthStartDay: 29 }).success).toBe(false);
    expect(OrgSettingsUpdate.safeParse({ timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(OrgSettingsUpdate.safeParse({ weekStartsOn: 3 }).success).toBe(false);
    expect(OrgSettingsUpdate.safeParse({ extra: 1 }).success).toBe(false);
  });
});
