import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm run cli -- detect` as a user runs it: a real process, CSV from a file or stdin, JSON out. It must not
 * open the event store or the metadata database (it runs while a server holds them): its data dir is never
 * created.
 */
const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "tokenledger-detect-")), "never-created");
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "detect", ...args], {
    env: { ...process.env, TOKENLEDGER_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "app.db")}` },
    input,
    encoding: "utf8",
    timeout: 180_000,
  });
const FIXTURE = "tests/fixtures/nab-nyc-taxi-hourly.csv";
type Flag = { timestamp: string; value: number; expected: number; score: number };

describe("cli detect", () => {
  it("flags NAB's labelled NYC taxi window (file input), with nothing outside it", () => {
    const out = run(["--input", FIXTURE]);
    expect(out.status, out.stderr).toBe(0);
    const flags = JSON.parse(out.stdout) as Flag[];
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) {
      expect(Object.keys(f).sort()).toEqual(["expected", "score", "timestamp", "value"]);
      // NAB's window for this series: 2014-10-30 15:30 – 2014-11-03 22:30.
      expect(f.timestamp >= "2014-10-30 15:30:00" && f.timestamp <= "2014-11-03 22:30:00", f.timestamp).toBe(true);
    }
    expect(existsSync(dataDir)).toBe(false);
  }, 200_000);

  it("reads stdin by default and gives the same answer", () => {
    const text = readFileSync(FIXTURE, "utf8");
    const lines = text.trim().split("\n");
    // A shorter slice (still > 2 weeks of history before the window) keeps this fast.
    const slice = [lines[0], ...lines.slice(1, 1 + 24 * 42)].join("\n");
    const file = path.join(os.tmpdir(), `detect-${process.pid}.csv`);
    writeFileSync(file, slice);
    const a = run([], slice);
    const b = run(["--input", file]);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(Array.isArray(JSON.parse(a.stdout))).toBe(true);
  }, 200_000);

  it("rejects an irregular series with a clear message and exit code 2", () => {
    const out = run([], "timestamp,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n2026-01-01 03:00:00,3\n");
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/detect: irregular series: the step between line 3 \(2026-01-01 01:00:00\) and line 4 \(2026-01-01 03:00:00\) is 7200 s/);
    expect(out.stdout).toBe("");
  });
});
