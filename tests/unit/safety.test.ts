import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/auth/safe-next";
import { EnvError, masked, parseEnv } from "@/lib/env";

describe("safeNext", () => {
  it("keeps same-site paths and refuses anything a browser could read as another origin", () => {
    expect(safeNext("/settings?tab=rules")).toBe("/settings?tab=rules");
    for (const bad of ["//evil.com", "/\\evil.com", "/\t/evil.com", "https://evil.com", "javascript:alert(1)", "", undefined, null]) expect(safeNext(bad)).toBe("/overview");
  });
});

describe("secrets in messages", () => {
  it("masks passwords and URL credentials", () => {
    expect(masked("TOKENLEDGER_ADMIN_PASSWORD", "short")).toBe("***");
    expect(masked("DATABASE_URL", "postgresql://u:p4ss@db/x")).toBe("postgresql://***@db/x");
    try {
      parseEnv({ TOKENLEDGER_ADMIN_PASSWORD: "hunter2", DATABASE_URL: "mysql://root:topsecret@db/x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      expect((err as Error).message).not.toMatch(/hunter2|topsecret/);
      expect((err as Error).message).toContain("TOKENLEDGER_ADMIN_PASSWORD");
    }
  });
});
