import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * `npm ci` refuses a lock file that lacks an entry for any optional dependency, even one for another
 * platform (chDB's macOS and arm64 engines, which the registry mirror reachable here does not serve).
 * Those entries carry `os`/`cpu`, so npm skips them on this platform without fetching anything.
 */
type Entry = { optionalDependencies?: Record<string, string>; dependencies?: Record<string, string> };

describe("package-lock.json", () => {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, Entry> };
  it("records every optional dependency of every locked package (npm ci needs them all)", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        checked++;
        // npm resolves from the package's own node_modules upwards to the root's.
        const parts = where.split("node_modules/");
        let found = false;
        for (let i = parts.length; i >= 1 && !found; i--) {
          const base = parts.slice(0, i).join("node_modules/");
          found = `${base}${base === "" || base.endsWith("/") ? "" : "/"}node_modules/${name}` in lock.packages;
        }
        if (!found) missing.push(`${where || "(root)"} → ${name}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
