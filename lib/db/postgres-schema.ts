import "server-only";
/** Turns the SQLite Prisma schema into its PostgreSQL twin (provider, client output path, placeholder URL). */
export function derivePostgresSchema(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../lib/generated/prisma"', 'output       = "../../lib/generated/prisma-pg"')
    .replace('url      = "file:./unused.db"', 'url      = "postgresql://unused"');
  return `// GENERATED from prisma/schema.prisma by \`npm run db:pg-schema\`: edit that file, not this one.\n${out}`;
}
