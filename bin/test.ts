/**
 * `npm test`: unit + integration tests (Vitest), then end-to-end tests (Playwright, real Chromium),
 * then one closing line "N passed, N failed" over both, so a CI log says in one place what ran.
 * Extra arguments go to both runners' filters is not supported; run `npx vitest` or `npx playwright test` for that.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const reports = path.resolve("reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const bin = (name: string) => path.resolve("node_modules", ".bin", name);

const vitest = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`], { stdio: "inherit" });
const e2e = spawnSync(bin("playwright"), ["test"], { stdio: "inherit", env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "e2e.json") } });

function read<T>(file: string): T | null {
  const p = path.join(reports, file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as T) : null;
}
const v = read<{ numPassedTests: number; numFailedTests: number; numPendingTests: number }>("vitest.json");
const p = read<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>("e2e.json");
const passed = (v?.numPassedTests ?? 0) + (p ? p.stats.expected + p.stats.flaky : 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats.unexpected ?? 0);
const skipped = (v?.numPendingTests ?? 0) + (p?.stats.skipped ?? 0);
const ok = vitest.status === 0 && e2e.status === 0 && v !== null && p !== null;

console.log(`\nunit+integration: ${v ? `${v.numPassedTests} passed, ${v.numFailedTests} failed` : "no report"}; e2e: ${p ? `${p.stats.expected} passed, ${p.stats.unexpected} failed` : "no report"}`);
console.log(`Total: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
