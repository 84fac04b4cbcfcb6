import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "@/lib/db/postgres-schema";

describe("prisma/postgres/schema.prisma", () => {
  it("is derived from prisma/schema.prisma (run `npm run db:pg-schema` after editing the schema)", () => {
    const derived = derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
  });
});
