import { describe, expect, it } from "vitest";
import { MigrationMismatchError, planMigrations, readMigrationFiles, splitStatements } from "@/lib/clickhouse/migrate";

const files = readMigrationFiles();

describe("ClickHouse migration files", () => {
  it("are numbered from 0001 without gaps and hold statements", () => {
    expect(files.map((f) => f.version)).toEqual(files.map((_, i) => i + 1));
    for (const f of files) expect(f.statements.length).toBeGreaterThan(0);
  });
  it("split on line-ending semicolons and drop comment lines", () => {
    expect(splitStatements("-- a; comment\nCREATE TABLE a (x String DEFAULT ';');\n\nSELECT 1;\n")).toEqual([
      "CREATE TABLE a (x String DEFAULT ';')",
      "SELECT 1",
    ]);
  });
});

describe("planMigrations", () => {
  const applied = files.slice(0, 1).map(({ version, name, checksum }) => ({ version, name, checksum }));
  it("lists only what is not applied", () => {
    expect(planMigrations(files, applied).pending.map((p) => p.version)).toEqual(files.slice(1).map((f) => f.version));
  });
  it("refuses a store whose applied migration was edited", () => {
    expect(() => planMigrations(files, [{ ...applied[0], checksum: "0".repeat(64) }])).toThrow(MigrationMismatchError);
  });
  it("refuses a store that knows a migration with no file", () => {
    expect(() => planMigrations(files, [...applied, { version: 99, name: "future", checksum: "x" }])).toThrow(/version 99 \(future\)/);
  });
});
