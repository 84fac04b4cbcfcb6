import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { initSync, MSTL } from "@bsull/augurs/mstl";

/**
 * Grafana's augurs MSTL, initialised once per process with the synchronous init and the .wasm bytes
 * (STACK.md: the package's async init fetches a file:// URL, which Node's fetch cannot; and inside a Next
 * build require.resolve only survives through a require created from the app's package.json).
 */
let ready = false;

export function mstlModel(periods: number[]): MSTL {
  if (!ready) {
    const entry = createRequire(path.join(process.cwd(), "package.json")).resolve("@bsull/augurs/mstl");
    initSync({ module: fs.readFileSync(path.join(path.dirname(entry), "mstl_bg.wasm")) });
    ready = true;
  }
  return MSTL.ets(periods);
}
