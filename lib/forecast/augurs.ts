import { AutoETS } from "@bsull/augurs/ets";
import { MSTL } from "@bsull/augurs/mstl";
import { initAugurs } from "@/lib/augurs/init";

/** Grafana's augurs (WebAssembly) behind two plain functions (initialised once per process: lib/augurs/init.ts). */
const init = () => initAugurs("mstl", "ets");

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
