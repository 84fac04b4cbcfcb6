import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Makes sure a Chromium is there. Playwright cannot download its own here; Debian's package works.
 * As root with apt-get, install it; otherwise stop with a message saying how to get one.
 */
export default function globalSetup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = (() => {
    try {
      execSync("command -v apt-get", { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (isRoot && hasApt) {
    console.log("[e2e] Chromium not found: installing Debian's chromium package…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
    if (existsSync(chromium)) return;
  }
  throw new Error(
    `No Chromium at ${chromium}. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH ` +
      "to a Chromium or Chrome binary. (`npx playwright install` needs internet access and is not used.)",
  );
}
