// The layer rules of README ("Architecture") as lint errors, checked by tests/unit/boundaries.test.ts inside
// `npm test` (or by hand: `npx eslint .`). Deliberately small: import boundaries, the server-only marker and
// no-explicit-any. No stylistic rules: formatting is not what review needs a tool for.
import tseslint from "typescript-eslint";

/** Package imports only lib/clickhouse may make. */
const CLICKHOUSE_CLIENT = {
  group: ["@clickhouse/client", "@clickhouse/client-*", "chdb", "chdb/*"],
  message: "Only lib/clickhouse talks to ClickHouse: call a query of lib/clickhouse/queries (through lib/finops) instead.",
};
/** The generated Prisma client, which only lib/db may import. */
const PRISMA_CLIENT = {
  group: ["@/lib/generated/*", "**/lib/generated/*", "@prisma/client", "@prisma/client/*", "@prisma/adapter-*"],
  message: "Only lib/db imports the Prisma client: use (or add) a repository function in lib/db.",
};
/** Storage layers, which pages and UI never import (they call the API, or lib/finops from a route). */
const STORAGE = {
  group: ["@/lib/clickhouse", "@/lib/clickhouse/*", "@/lib/db", "@/lib/db/*", "**/lib/clickhouse/*", "**/lib/db/*"],
  message: "app/ and components/ never import lib/clickhouse or lib/db: go through a route (lib/api/route.ts) and lib/ domain functions.",
  allowTypeImports: true,
};
/** The UI and routing layers, which lib/ never imports. */
const UI = {
  group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
  message: "lib/ never imports app/ or components/: move the shared piece into lib/.",
};

const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

/** Files that must start with `import "server-only"` (they open stores or hold secrets). */
export const SERVER_ONLY_FILES = ["lib/clickhouse/**/*.ts", "lib/db/**/*.ts"];

const tokenledger = {
  rules: {
    "server-only": {
      meta: { type: "problem", schema: [], messages: { missing: 'A server module: start it with `import "server-only";` so no client bundle can pull it in.' } },
      create(context) {
        return {
          Program(node) {
            const marked = node.body.some((s) => s.type === "ImportDeclaration" && s.source.value === "server-only");
            if (!marked) context.report({ node, loc: { line: 1, column: 0 }, messageId: "missing" });
          },
        };
      },
    },
  },
};

export default [
  { ignores: ["node_modules/", ".next/", "lib/generated/", "data/", "reports/", "test-results/", "playwright-report/", "next-env.d.ts", "**/*.js", "**/*.mjs"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { "@typescript-eslint": tseslint.plugin, tokenledger },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      ...restrict(CLICKHOUSE_CLIENT, PRISMA_CLIENT),
    },
  },
  { files: ["lib/**/*.ts", "lib/**/*.tsx"], rules: restrict(CLICKHOUSE_CLIENT, PRISMA_CLIENT, UI) },
  { files: ["lib/clickhouse/**/*.ts"], rules: restrict(PRISMA_CLIENT, UI) },
  { files: ["lib/db/**/*.ts"], rules: restrict(CLICKHOUSE_CLIENT, UI) },
  { files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx"], rules: restrict(CLICKHOUSE_CLIENT, PRISMA_CLIENT, STORAGE) },
  // pg-catalog-types is also loaded by the Prisma CLI (prisma.config.ts), outside any bundler or tsconfig
  // mapping, where the real `server-only` package throws: it patches a driver and opens nothing itself.
  { files: SERVER_ONLY_FILES, ignores: ["lib/db/pg-catalog-types.ts"], rules: { "tokenledger/server-only": "error" } },
];
