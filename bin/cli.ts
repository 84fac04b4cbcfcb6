/**
 * `npm run cli -- <command>`. Commands that need the embedded event store open it only when they run,
 * and fail with a clear message (not a stack trace) while a server holds it.
 */
import { Command } from "commander";
import { InvalidInputError } from "../lib/errors";
// Everything else is imported by the command that needs it: `forecast --help` should not pay for loading
// Prisma, the ClickHouse client and the demo generator (seconds of start-up on a busy 2-core machine).
const lib = {
  migrate: () => import("../lib/clickhouse/migrate"),
  verify: () => import("../lib/clickhouse/verify-store"),
  demo: () => import("../lib/demo/load-demo"),
  env: () => import("../lib/env"),
  ingestKeys: () => import("../lib/admin/ingest-keys"),
  dbIngestKeys: () => import("../lib/db/ingest-keys"),
  prices: () => import("../lib/cli/prices-command"),
  importFile: () => import("../lib/cli/import-command"),
  users: () => import("../lib/cli/users-command"),
  tokens: () => import("../lib/cli/tokens-command"),
  firstUse: () => import("../lib/cli/first-use"),
  forecast: () => import("../lib/cli/forecast-command"),
  detect: () => import("../lib/cli/detect-command"),
};

const program = new Command("tokenledger").description("TokenLedger command line").showHelpAfterError();
// Every command that uses the stores may meet a fresh data directory: set the metadata database up first (one
// query when it is). `detect` and `forecast` read a CSV and touch no store: they run beside a server, on any machine.
const STORELESS = new Set(["detect", "forecast"]);
let usesStores = false;
program.hook("preAction", async (_program, action) => {
  if (STORELESS.has(action.name())) return;
  usesStores = true;
  await (await lib.firstUse()).ensureMetadataStore();
});

program
  .command("migrate")
  .description("apply pending ClickHouse migrations (lib/clickhouse/migrations) to the event store")
  .option("--dry", "only list what would be applied")
  .action(async (opts: { dry?: boolean }) => {
    const result = await (await lib.migrate()).migrate({ dryRun: opts.dry });
    for (const a of result.applied) console.log(`applied   ${String(a.version).padStart(4, "0")}_${a.name}`);
    for (const p of result.pending) console.log(`${opts.dry ? "pending" : "applying"}  ${String(p.version).padStart(4, "0")}_${p.name}`);
    console.log(result.pending.length ? (opts.dry ? `${result.pending.length} pending` : `applied ${result.ran.length}`) : "up to date");
  });

program
  .command("verify")
  .description("check that both rollups and the retry ledger agree with the raw events, month by month (run with the server stopped, or against CLICKHOUSE_URL)")
  .option("--repair", "rebuild every month that disagrees (atomic month rewrites)")
  .action(async (opts: { repair?: boolean }) => {
    await (await lib.migrate()).migrate();
    const checks = await (await lib.verify()).verifyStore({ repair: opts.repair });
    for (const c of checks) {
      const state = c.problems.length ? (c.repaired ? "repaired" : "DIFFERS") : "ok";
      console.log(`${c.month}  ${state.padEnd(8)}  ${String(c.events).padStart(10)} events  $${c.cost_usd}`);
      for (const p of c.problems) console.log(`          - ${p}`);
    }
    const bad = checks.filter((c) => c.problems.length && !c.repaired).length;
    console.log(checks.length ? (bad ? `${bad} month(s) differ: run again with --repair` : "consistent") : "no events");
    if (bad) process.exitCode = 1;
  });

program
  .command("demo")
  .description("load the demo (price book, teams, 90 days of events) into an empty store")
  .option("--seed <n>", "random seed", (v) => Number(v))
  .action(async (opts: { seed?: number }) => {
    await (await lib.migrate()).migrate();
    const seed = opts.seed ?? (await lib.env()).env().TOKENLEDGER_DEMO_SEED;
    const result = await (await lib.demo()).loadDemoIfEmpty({ seed, demo: true });
    console.log(result.events ? `loaded ${result.events} demo events` : "the event store is not empty: nothing loaded");
  });

const keys = program.command("keys").description("ingest keys (they only ingest; stored hashed)");
keys
  .command("create")
  .description("create an ingest key; the key is printed once, as the last word")
  .requiredOption("--name <name>", "what the key is for")
  .option("--team <slug>", "team for events that name none and match no ownership rule")
  .option("--source <text>", "free-form note on the sender")
  .option("--rate-limit <n>", "requests per minute (default 600)", (v) => Number(v))
  .option("--only-teams <slugs>", "comma-separated teams this key may send for (default: any)")
  .action(async (opts: { name: string; team?: string; source?: string; rateLimit?: number; onlyTeams?: string }) => {
    if (opts.rateLimit !== undefined && !(Number.isInteger(opts.rateLimit) && opts.rateLimit >= 1)) throw new InvalidInputError("--rate-limit must be a whole number of requests per minute, at least 1");
    const allowedTeams = opts.onlyTeams?.split(",").map((t) => t.trim()).filter(Boolean);
    // Audited like a key made in Settings, with "cli" as the actor.
    const key = await (await lib.ingestKeys()).addIngestKey({ name: opts.name, teamSlug: opts.team, source: opts.source, rateLimitPerMinute: opts.rateLimit, allowedTeams }, "cli");
    console.log(`created ingest key "${opts.name}" (${key.prefix}…). Store it now; it is not shown again:\n${key.secret}`);
  });
keys
  .command("list")
  .description("list ingest keys")
  .action(async () => {
    for (const k of await (await lib.dbIngestKeys()).listIngestKeys())
      console.log(`${k.id}  ${k.prefix}…  ${k.name}  team=${k.defaultTeam ?? "-"}  ${k.revokedAt ? "REVOKED" : "live"}  last used ${k.lastUsedAt?.toISOString() ?? "never"}`);
  });
keys
  .command("revoke <id>")
  .description("revoke an ingest key")
  .action(async (id: string) => {
    console.log((await (await lib.ingestKeys()).revokeKey(id, "cli")) ? "revoked" : "no live key with that id");
  });

const users = program.command("users").description("dashboard users (passwords stored as scrypt hashes)");
users
  .command("create")
  .description("create a user; without --password one is generated and printed once, as the last word")
  .requiredOption("--email <email>", "sign-in email (stored lower case)")
  .requiredOption("--role <role>", "admin | finance | lead | viewer")
  .option("--teams <slugs>", "comma-separated team slugs (what a lead or viewer sees)")
  .option("--name <name>", "display name")
  .option("--password <password>", "at least 12 characters (visible in shell history: prefer a generated one)")
  .action(async (opts: { email: string; role: string; teams?: string; name?: string; password?: string }) => {
    console.log(await (await lib.users()).usersCreateCommand(opts));
  });
users.command("list").description("list users (never passwords)").action(async () => {
  console.log(await (await lib.users()).usersListCommand());
});
users.command("disable <email>").description("disable a user and end its sessions").action(async (email: string) => {
  console.log(await (await lib.users()).usersDisableCommand(email));
});
users.command("role <email> <role>").description("change a user's role (admin | finance | lead | viewer)").action(async (email: string, role: string) => {
  console.log(await (await lib.users()).usersSetRoleCommand(email, role));
});
users.command("teams <email> <slugs>").description('replace a user\'s teams (comma-separated slugs; "" for none)').action(async (email: string, slugs: string) => {
  console.log(await (await lib.users()).usersSetTeamsCommand(email, slugs));
});

const tokens = program.command("tokens").description("API tokens for scripts and BI tools (tla_…; read and administer, never ingest)");
tokens
  .command("create")
  .description("create an API token; the token is printed once, as the last word")
  .requiredOption("--name <name>", "what the token is for")
  .requiredOption("--role <role>", "admin | finance | lead | viewer")
  .option("--teams <slugs>", "comma-separated team slugs (what a lead or viewer token sees)")
  .action(async (opts: { name: string; role: string; teams?: string }) => {
    console.log(await (await lib.tokens()).tokensCreateCommand(opts));
  });
tokens.command("list").description("list API tokens (never secrets)").action(async () => {
  console.log(await (await lib.tokens()).tokensListCommand());
});
tokens.command("revoke <id>").description("revoke an API token").action(async (id: string) => {
  console.log(await (await lib.tokens()).tokensRevokeCommand(id));
});

program
  .command("prices")
  .description("price book")
  .command("import <file>")
  .description("load prices from LiteLLM's model_prices_and_context_window.json")
  .option("--valid-from <date>", "date the prices take effect (default: now)")
  .action(async (file: string, opts: { validFrom?: string }) => {
    const { importLitellmFile, parseDateOption } = await lib.prices();
    const r = await importLitellmFile(file, opts.validFrom ? parseDateOption("--valid-from", opts.validFrom) : new Date());
    console.log(`prices: ${r.created} new, ${r.updated} replaced, ${r.unchanged} unchanged; ${r.skipped} entries skipped (not text generation or no prices)`);
    const f = r.firstPrice;
    if (f.repriced) console.log(`first prices for ${f.models.length} model(s): repriced ${f.repriced.changed} unpriced event(s) in open periods`);
    if (f.deferred) console.log(`first prices for ${f.models.length} model(s): ${f.deferred}`);
  });

program
  .command("import <file>")
  .description("import events from NDJSON or CSV (through the server's API when a server holds the store)")
  .option("--key <ingest key>", "ingest key to send with (default: a one-off key, revoked after)")
  .option("--server <url>", "send to this TokenLedger server")
  .action(async (file: string, opts: { key?: string; server?: string }) => {
    const s = await (await lib.importFile()).importFile(file, opts);
    console.log(`imported via ${s.via}: ${s.accepted} accepted, ${s.duplicates} duplicate, ${s.conflicts} conflicting, ${s.rejected} rejected`);
    for (const e of s.firstErrors) console.log(`  ${e}`);
    if (s.rejected + s.conflicts > s.firstErrors.length) console.log(`  … and ${s.rejected + s.conflicts - s.firstErrors.length} more rejected or conflicting rows`);
  });

program
  .command("forecast")
  .description("forecast a CSV series (header timestamp,value; hourly or daily) read from --input or stdin: JSON with the model, point forecasts and 80 %/95 % intervals")
  .requiredOption("--horizon <n>", "steps to forecast")
  .option("--input <file>", "CSV file (default: stdin)")
  .option("--season <k>", "seasonal period in steps (default: 24 and 168 for hourly, 7 for daily)")
  .action(async (opts: { horizon: string; input?: string; season?: string }) => {
    console.log((await lib.forecast()).forecastCommand(opts));
  });

program
  .command("detect")
  .description("flag anomalies in a CSV series (header timestamp,value; any regular frequency); prints a JSON array. Needs no store: runs beside a server")
  .option("--input <file>", "CSV file (default: stdin)")
  .option("--sensitivity <level>", "low | medium | high (default medium)")
  .action(async (opts: { input?: string; sensitivity?: string }) => {
    const r = await (await lib.detect()).detectCommand(opts);
    if (r.ok) console.log(r.output);
    else {
      console.error(r.error);
      process.exitCode = 2;
    }
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (await isUserFacing(err)) {
      console.error(`\n${(err as Error).message}\n`);
    } else {
      // Anything else still gets one line, not a stack trace (LOG_LEVEL=debug shows it).
      const message = err instanceof Error ? err.message.split("\n").find((l) => l.trim()) ?? err.name : String(err);
      console.error(`\nerror: ${message}\n`);
      if (process.env.LOG_LEVEL === "debug") console.error(err);
    }
    process.exitCode = 1;
  } finally {
    if (usesStores) {
      await (await import("../lib/clickhouse/client")).closeStore();
      await (await import("../lib/db/prisma")).closeDb();
    }
  }
}

/** Errors whose message is written for the user (loaded only when something failed). */
async function isUserFacing(err: unknown): Promise<boolean> {
  const [{ StoreBusyError }, { MigrationMismatchError }, { EnvError }, { DomainError }, { SetupError }] = await Promise.all([
    import("../lib/clickhouse/store-owner"), lib.migrate(), lib.env(), import("../lib/errors"), lib.firstUse(),
  ]);
  return [StoreBusyError, MigrationMismatchError, EnvError, DomainError, SetupError].some((E) => err instanceof E);
}

void main();
