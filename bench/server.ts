import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** A real `npm start` server on a free port over a data directory, for the benchmarks. */
export function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script]).toString().trim());
}

export type BenchServer = { base: string; pid: number; stop: () => Promise<void> };

export async function startServer(dataDir: string): Promise<BenchServer> {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "bin/start.ts"], {
    env: { ...process.env, PORT: String(port), TOKENLEDGER_DATA_DIR: dataDir, TOKENLEDGER_DEMO: "off" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  };
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      if (i > 1200) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const { pid } = JSON.parse(readFileSync(`${dataDir}/clickhouse.owner.json`, "utf8")) as { pid: number };
  return { base, pid, stop };
}

/** Runs the CLI on a data directory (works while the server holds the store) and returns its last word. */
export function cliSecret(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "bin/cli.ts", ...args], { env: { ...process.env, TOKENLEDGER_DATA_DIR: dataDir } })
    .toString()
    .trim()
    .split(/\s+/)
    .pop()!;
}
