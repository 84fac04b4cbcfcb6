import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("defaults to embedded storage under ./data", () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.dataDir).toBe(path.resolve("data"));
    expect(e.clickhouseDataDir).toBe(path.resolve("data/clickhouse"));
    expect(e.databaseUrl).toBe(`file:${path.resolve("data/app.db")}`);
    expect(e.databaseKind).toBe("sqlite");
    expect(e.TOKENLEDGER_DEMO).toBe("on");
  });
  it("moves all local data with TOKENLEDGER_DATA_DIR and detects PostgreSQL", () => {
    const e = parseEnv({ TOKENLEDGER_DATA_DIR: "/srv/tl", DATABASE_URL: "postgresql://u@db/tl" });
    expect(e.clickhouseDataDir).toBe("/srv/tl/clickhouse");
    expect(e.databaseKind).toBe("postgresql");
  });
  it("names every bad variable", () => {
    try {
      parseEnv({ PORT: "70000", TOKENLEDGER_DEMO: "maybe", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      const msg = (err as Error).message;
      expect(msg).toContain("PORT=\"70000\"");
      expect(msg).toContain("TOKENLEDGER_DEMO=\"maybe\"");
      expect(msg).toContain("DATABASE_URL=\"mysql://x\"");
    }
  });
  it("rejects a CLICKHOUSE_URL that is not http(s) and a database name that is not an identifier", () => {
    expect(() => parseEnv({ CLICKHOUSE_URL: "tcp://x:9000" })).toThrow(/CLICKHOUSE_URL/);
    expect(() => parseEnv({ CLICKHOUSE_DATABASE: "x; DROP" })).toThrow(/CLICKHOUSE_DATABASE/);
  });
});
