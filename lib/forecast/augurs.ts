import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AutoETS, initSync as initEts } from "@bsull/augurs/ets";
import { MSTL, initSync as initMstl } from "@bsull/augurs/mstl";

/**
 * Grafana's augurs (WebAssembly) behind two plain functions. Initialised once per process with the
 * synchronous init and the .wasm bytes (../shared/STACK.md): the package's async init fetch()es a file://
 * URL, which Node cannot, and inside a Next build require.resolve is rewritten unless it goes through a
 * require created from the project's package.json.
 */
let ready = false;
function init(): void {
  if (ready) return;
  const req = createRequire(path.join(process.cwd(), "package.json"));
  const dir = path.dirname(req.resolve("@bsull/augurs/mstl"));
  initMstl({ module: readFileSync(path.join(dir, "mstl_bg.wasm")) });
  initEts({ module: readFileSync(path.join(dir, "ets_bg.wasm")) });
  ready = true;
}

/** MSTL over the given seasonal periods with an AutoETS trend: point forecasts for `horizon` steps. */
export function mstlPoints(y: readonly number[], periods: readonly number[], horizon: number): number[] {
  init();
  const model = MSTL.ets([...periods]);
  try {
    model.fit(Float64Array.from(y));
    return model.predict(horizon).point;
  } finally {
    model.free();
  }
}

/** AutoETS without a seasonal component (augurs' AutoETS picks error and trend types by AICc). */
export function etsPoints(y: readonly number[], horizon: number): number[] {
  init();
  const model = new AutoETS(1, "ZZN");
  try {
    model.fit(Float64Array.from(y));
    return model.predict(horizon).point;
  } finally {
    model.free();
  }
}
