import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { CREDENTIAL_MODELS, forgetCredentials } from "./credential-cache";

/**
 * The metadata database: SQLite (better-sqlite3) by default, PostgreSQL when DATABASE_URL says so.
 * Two clients are generated from one schema (prisma/schema.prisma and its derived PostgreSQL twin);
 * their model APIs are identical, so the rest of the code sees one PrismaClient type.
 */
const holder = globalThis as typeof globalThis & { __tokenledgerPrisma?: Promise<PrismaClient> };

async function createPrisma(): Promise<PrismaClient> {
  const { databaseUrl, databaseKind } = env();
  if (databaseKind === "postgresql") {
    const [{ PrismaPg }, pg] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("@/lib/generated/prisma-pg/client"),
    ]);
    const client = new pg.PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    // Same models, same API: the PostgreSQL client is generated from the same schema.
    return client as unknown as PrismaClient;
  }
  mkdirSync(path.dirname(databaseUrl.slice("file:".length)), { recursive: true });
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
}

const READS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);

/**
 * Every write to a credential's tables empties the credential cache (lib/db/credential-cache.ts) once it has
 * happened, inside transactions too: no repository function has to remember to. Same client API otherwise.
 */
function withCredentialInvalidation(client: PrismaClient): PrismaClient {
  const extended = client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const result = await query(args);
          if (CREDENTIAL_MODELS.has(model) && !READS.has(operation)) forgetCredentials();
          return result;
        },
      },
    },
  });
  // The extension adds no model or method: the extended client has PrismaClient's API.
  return extended as unknown as PrismaClient;
}

/** The process's Prisma client, created on first use. */
export function db(): Promise<PrismaClient> {
  holder.__tokenledgerPrisma ??= createPrisma().then(withCredentialInvalidation);
  return holder.__tokenledgerPrisma;
}

/** Disconnects (tests, CLI). */
export async function closeDb(): Promise<void> {
  const pending = holder.__tokenledgerPrisma;
  holder.__tokenledgerPrisma = undefined;
  if (pending) await (await pending).$disconnect();
}

/** Which metadata database is in use, and whether it answers (for /api/health). */
export async function dbInfo(): Promise<{ kind: "sqlite" | "postgresql"; migrations: string[] }> {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
  );
  return { kind: env().databaseKind, migrations: rows.map((r) => r.migration_name) };
}
