import { getStore } from "@/lib/clickhouse/client";
import { migrate } from "@/lib/clickhouse/migrate";
import { loadDemoIfEmpty } from "@/lib/demo/load-demo";
import { createDemoUsers, ensureFirstAdmin } from "@/lib/auth/bootstrap";
import { purgeSessionsNow, startSessionPurge } from "@/lib/auth/session-purge";
import { env, masked } from "@/lib/env";
import { startAlertSchedule } from "@/lib/alerts/schedule";

/**
 * Server start-up (called from instrumentation.ts): take the event store, bring its schema up to date,
 * load the demo into an empty store. Prisma migrations ran before the server started (bin/start.ts).
 */
export async function bootServer(log: (line: string) => void = console.log): Promise<void> {
  const e = env();
  const store = await getStore("the TokenLedger server");
  log(`[tokenledger] event store: ${store.kind === "embedded" ? `embedded chDB at ${e.clickhouseDataDir}` : masked("CLICKHOUSE_URL", e.CLICKHOUSE_URL ?? "")}`);
  const { ran, applied } = await migrate();
  log(`[tokenledger] ClickHouse migrations: ${ran.length ? `applied ${ran.join(", ")}` : `up to date (${applied.length} applied)`}`);
  const started = Date.now();
  const seeded = await loadDemoIfEmpty({ seed: e.TOKENLEDGER_DEMO_SEED, demo: e.TOKENLEDGER_DEMO === "on" });
  if (seeded.prices) log(`[tokenledger] price book: seeded ${seeded.prices} list prices`);
  if (seeded.events) log(`[tokenledger] demo data: loaded ${seeded.events} events in ${Date.now() - started} ms`);
  await ensureUsers(log);
  await purgeSessionsNow();
  startSessionPurge();
  await startAlertSchedule(log, e.TOKENLEDGER_PUBLIC_URL);
}

/** The first admin from the environment; or, with the demo on and nobody configured, demo users. */
async function ensureUsers(log: (line: string) => void): Promise<void> {
  const e = env();
  const admin = await ensureFirstAdmin({ email: e.TOKENLEDGER_ADMIN_EMAIL, password: e.TOKENLEDGER_ADMIN_PASSWORD });
  if (admin.action === "created") {
    log(`[tokenledger] created admin ${admin.email}${admin.generatedPassword ? `; password (shown once): ${admin.generatedPassword}` : ""}`);
  } else if (admin.reason === "not_configured" && e.TOKENLEDGER_DEMO === "on") {
    for (const c of await createDemoUsers()) log(`[tokenledger] demo sign-in: ${c.email} (${c.role}${c.teams.length ? ` of ${c.teams.join(", ")}` : ""}) password ${c.password}`);
  } else if (admin.reason === "not_configured") {
    log("[tokenledger] no users yet: set TOKENLEDGER_ADMIN_EMAIL, or run npm run cli -- users create --email you@example.com --role admin");
  }
}

/** bootServer for instrumentation.ts: a server that cannot own its store must not half-run, so say why and stop. */
export async function bootServerOrExit(): Promise<void> {
  try {
    await bootServer();
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
