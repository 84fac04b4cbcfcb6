import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rules (eslint.config.js) run inside `npm test`: the whole tree must lint clean, and each rule is
 * shown to catch a violation on a fixture, so a rule that silently stopped matching fails here too.
 */
const eslint = new ESLint({ cwd: process.cwd() });

const problems = (results: ESLint.LintResult[]) =>
  results.flatMap((r) => r.messages.map((m) => `${r.filePath.replace(`${process.cwd()}/`, "")}:${m.line} ${m.ruleId ?? "parse"}: ${m.message}`));

async function lint(filePath: string, code: string): Promise<string[]> {
  return problems(await eslint.lintText(code, { filePath }));
}

describe("layer boundaries (ESLint)", () => {
  it("the tree has no violation", { timeout: 300_000 }, async () => {
    const found = problems(await eslint.lintFiles(["."]));
    expect(found, `ESLint found ${found.length} problem(s); run \`npx eslint .\`:\n${found.join("\n")}`).toEqual([]);
  });

  it("only lib/clickhouse imports the ClickHouse client and chDB", async () => {
    expect(await lint("lib/finops/fixture.ts", 'import { createClient } from "@clickhouse/client";\nexport const c = createClient;\n')).toEqual([
      expect.stringMatching(/^lib\/finops\/fixture\.ts:1 @typescript-eslint\/no-restricted-imports: .*Only lib\/clickhouse talks to ClickHouse/),
    ]);
    expect(await lint("bin/fixture.ts", 'import "chdb";\n')).toHaveLength(1);
    expect(await lint("lib/clickhouse/fixture.ts", 'import "server-only";\nimport { createClient } from "@clickhouse/client";\nexport const c = createClient;\n')).toEqual([]);
  });

  it("only lib/db imports the Prisma client", async () => {
    expect(await lint("lib/finops/fixture.ts", 'import { PrismaClient } from "@/lib/generated/prisma/client";\nexport const p = PrismaClient;\n')).toEqual([
      expect.stringMatching(/Only lib\/db imports the Prisma client/),
    ]);
    expect(await lint("lib/db/fixture.ts", 'import "server-only";\nimport { PrismaClient } from "@/lib/generated/prisma/client";\nexport const p = PrismaClient;\n')).toEqual([]);
  });

  it("app/ and components/ never import lib/clickhouse or lib/db (types excepted)", async () => {
    const msg = /app\/ and components\/ never import lib\/clickhouse or lib\/db/;
    expect(await lint("components/fixture.tsx", 'import { chQuery } from "@/lib/clickhouse/client";\nexport const q = chQuery;\n')).toEqual([expect.stringMatching(msg)]);
    expect(await lint("app/api/fixture/route.ts", 'import { listUsers } from "@/lib/db/users";\nexport const GET = listUsers;\n')).toEqual([expect.stringMatching(msg)]);
    expect(await lint("components/fixture.tsx", 'import type { DimensionFilters } from "@/lib/clickhouse/fragments";\nexport type F = DimensionFilters;\n')).toEqual([]);
  });

  it("lib/ never imports app/ or components/", async () => {
    expect(await lint("lib/finops/fixture.ts", 'import { Card } from "@/components/ui/card";\nexport const c = Card;\n')).toEqual([expect.stringMatching(/lib\/ never imports app\/ or components\//)]);
    expect(await lint("lib/db/fixture.ts", 'import "server-only";\nimport { GET } from "@/app/api/health/route";\nexport const g = GET;\n')).toHaveLength(1);
  });

  it("server modules carry the server-only marker", async () => {
    expect(await lint("lib/db/fixture.ts", "export const x = 1;\n")).toEqual([expect.stringMatching(/tokenledger\/server-only: .*import "server-only"/)]);
    expect(await lint("lib/clickhouse/queries/fixture.ts", "export const x = 1;\n")).toHaveLength(1);
    expect(await lint("lib/finops/fixture.ts", "export const x = 1;\n")).toEqual([]);
  });

  it("any is an error", async () => {
    expect(await lint("lib/finops/fixture.ts", "export const x: any = 1;\n")).toEqual([expect.stringMatching(/no-explicit-any/)]);
  });
});
