import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // chDB allows one data directory per process and its addon must not be loaded twice in a process:
    // every test file runs in its own forked process.
    pool: "forks",
    isolate: true,
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // Request log lines at info would bury the test report; warnings and errors still show.
    env: { LOG_LEVEL: "warn" },
  },
});
