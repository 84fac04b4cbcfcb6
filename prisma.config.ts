import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 6.19 with the WebAssembly schema engine ("js"): the native engine download is impossible offline.
// DATABASE_URL picks the database; without it, SQLite under TOKENLEDGER_DATA_DIR (default ./data).
const dataDir = path.resolve(process.env.TOKENLEDGER_DATA_DIR || "./data");
const url = process.env.DATABASE_URL || `file:${path.join(dataDir, "app.db")}`;
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    if (postgres) {
      const { patchPgCatalogTypes } = await import("./lib/db/pg-catalog-types");
      await patchPgCatalogTypes();
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dataDir, { recursive: true });
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
