/**
 * `npm start`: validate the environment, refuse early if another process holds the embedded store,
 * build when the sources are newer than the last build, migrate the metadata database, then serve.
 * The server itself migrates the event store and loads the demo on boot (instrumentation.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";
import { readStoreOwner, storeBusyMessage } from "../lib/clickhouse/store-owner";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const dev = process.argv.includes("--dev");

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) fail(`${path.basename(cmd)} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = ["app", "components", "lib", "public", "instrumentation.ts", "next.config.js", "package.json", "prisma/schema.prisma"];
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  return newest > statSync(buildId).mtimeMs;
}

let env;
try {
  env = parseEnv();
} catch (err) {
  if (err instanceof EnvError) fail(err.message);
  throw err;
}

if (!env.CLICKHOUSE_URL) {
  const owner = readStoreOwner(env.clickhouseDataDir);
  if (owner) fail(storeBusyMessage(env.clickhouseDataDir, owner));
}

const url = `http://localhost:${env.PORT}`;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: env.databaseUrl,
  TOKENLEDGER_DATA_DIR: env.dataDir,
  TOKENLEDGER_PUBLIC_URL: url,
  NEXT_TELEMETRY_DISABLED: "1",
};

if (!dev && needsBuild()) {
  console.log("[tokenledger] building (sources changed since the last build)…");
  run("npm", ["run", "--silent", "db:generate"], childEnv);
  run(bin("next"), ["build"], childEnv);
}

console.log(`[tokenledger] metadata database: ${env.databaseKind}`);
run(bin("prisma"), ["migrate", "deploy"], childEnv);

console.log(`[tokenledger] starting on ${url}`);
// bin/serve.ts: Next.js behind node:http, so sign-in sees the socket's address (not a client-sent X-Forwarded-For).
const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "bin", "serve.ts"), ...(dev ? ["--dev"] : [])], {
  stdio: "inherit",
  env: { ...childEnv, PORT: String(env.PORT), NODE_ENV: dev ? "development" : "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
