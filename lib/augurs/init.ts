import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { initSync as initChangepoint } from "@bsull/augurs/changepoint";
import { initSync as initEts } from "@bsull/augurs/ets";
import { initSync as initMstl } from "@bsull/augurs/mstl";
import { initSync as initOutlier } from "@bsull/augurs/outlier";

/**
 * The one place Grafana's augurs WebAssembly modules are initialised, each once per process, synchronously
 * with its .wasm bytes (../shared/STACK.md): the package's async init fetch()es a file:// URL, which Node's
 * fetch cannot, and inside a Next build require.resolve only survives through a require created from the
 * project's package.json. Each augurs module has its own wasm instance, so each is initialised on first use.
 */
const INITS = { mstl: initMstl, ets: initEts, changepoint: initChangepoint, outlier: initOutlier } as const;
export type AugursModule = keyof typeof INITS;

const ready = new Set<AugursModule>();

export function initAugurs(...modules: AugursModule[]): void {
  for (const m of modules) {
    if (ready.has(m)) continue;
    const entry = createRequire(path.join(process.cwd(), "package.json")).resolve(`@bsull/augurs/${m}`);
    INITS[m]({ module: fs.readFileSync(path.join(path.dirname(entry), `${m}_bg.wasm`)) });
    ready.add(m);
  }
}
