import { MSTL } from "@bsull/augurs/mstl";
import { initAugurs } from "@/lib/augurs/init";

/** Grafana's augurs MSTL with an ETS trend (initialised once per process: lib/augurs/init.ts). */
export function mstlModel(periods: number[]): MSTL {
  initAugurs("mstl");
  return MSTL.ets(periods);
}
