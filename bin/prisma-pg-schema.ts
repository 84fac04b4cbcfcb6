/**
 * Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the one schema people edit):
 * same models, PostgreSQL provider, its own generated client. A test fails when the two drift.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { derivePostgresSchema } from "../lib/db/postgres-schema";

const source = readFileSync("prisma/schema.prisma", "utf8");
mkdirSync("prisma/postgres", { recursive: true });
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(source));
console.log("wrote prisma/postgres/schema.prisma");
