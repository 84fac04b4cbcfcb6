/**
 * `npm run cli -- <command>`. Commands that need the embedded event store open it only when they run,
 * and fail with a clear message (not a stack trace) while a server holds it.
 */
import { Command } from "commander";
import { closeStore } from "../lib/clickhouse/client";
import { migrate, MigrationMismatchError } from "../lib/clickhouse/migrate";
import { StoreBusyError } from "../lib/clickhouse/store-owner";
import { closeDb } from "../lib/db/prisma";
import { loadDemoIfEmpty } from "../lib/demo/load-demo";
import { env, EnvError } from "../lib/env";

const program = new Command("tokenledger").description("TokenLedger command line").showHelpAfterError();

program
  .command("migrate")
  .description("apply pending ClickHouse migrations (lib/clickhouse/migrations) to the event store")
  .option("--dry", "only list what would be applied")
  .action(async (opts: { dry?: boolean }) => {
    const result = await migrate({ dryRun: opts.dry });
    for (const a of result.applied) console.log(`applied   ${String(a.version).padStart(4, "0")}_${a.name}`);
    for (const p of result.pending) console.log(`${opts.dry ? "pending" : "applying"}  ${String(p.version).padStart(4, "0")}_${p.name}`);
    console.log(result.pending.length ? (opts.dry ? `${result.pending.length} pending` : `applied ${result.ran.length}`) : "up to date");
  });

program
  .command("demo")
  .description("load the demo (price book, teams, 90 days of events) into an empty store")
  .option("--seed <n>", "random seed", (v) => Number(v))
  .action(async (opts: { seed?: number }) => {
    await migrate();
    const result = await loadDemoIfEmpty({ seed: opts.seed ?? env().TOKENLEDGER_DEMO_SEED, demo: true });
    console.log(result.events ? `loaded ${result.events} demo events` : "the event store is not empty: nothing loaded");
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof StoreBusyError || err instanceof MigrationMismatchError || err instanceof EnvError) {
      console.error(`\n${err.message}\n`);
      process.exitCode = 1;
    } else {
      throw err;
    }
  } finally {
    await closeStore();
    await closeDb();
  }
}

void main();
