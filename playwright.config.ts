import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests: Debian's Chromium (Playwright's own browser download does not work offline) against
 * `npm start` on a free port with its own data directory, so they run beside a dev server.
 */
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script]).toString().trim());
}

// The config is evaluated again in each worker: keep the first evaluation's choices.
process.env.E2E_PORT ??= String(freePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "tokenledger-e2e-"));
const port = Number(process.env.E2E_PORT);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"], ["json"]], // json goes to PLAYWRIGHT_JSON_OUTPUT_NAME (npm test) or stdout
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: `${process.execPath} --import tsx bin/start.ts`,
    url: `http://localhost:${port}/api/health`,
    timeout: 600_000, // builds when sources changed, then loads the demo: minutes on a loaded 2-core machine
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      TOKENLEDGER_DATA_DIR: process.env.E2E_DATA_DIR,
      TOKENLEDGER_DEMO: "on",
      // The first admin (tests/e2e/fixtures.ts signs in with it).
      TOKENLEDGER_ADMIN_EMAIL: "admin@e2e.test",
      TOKENLEDGER_ADMIN_PASSWORD: "e2e-admin-password-1",
    },
  },
});
