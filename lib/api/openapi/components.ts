import { MEASURES } from "@/lib/measures/registry";
import { UsageEventInput } from "@/lib/schemas/event";
import { SeriesSchema } from "@/lib/schemas/overview";
import { SummaryMeasures } from "@/lib/schemas/summary";
import type { Spec } from "./builder";

/**
 * Components several operations share, named and described once: the summary measures (with each measure's
 * definition from the registry, so the UI and the document say the same), a stacked series, a usage event.
 */
export function addSharedComponents(spec: Spec): void {
  const money = "Money is a decimal string with exactly 9 decimals (USD); tokens and counts are integers; ratios are numbers (0 when the denominator is 0).";
  spec.ref("SummaryMeasures", SummaryMeasures, "output", `The ${MEASURES.length} measures of a set of events. ${money}`);
  spec.describeProperties("SummaryMeasures", Object.fromEntries(MEASURES.map((m) => [m.id, `${m.label}: ${m.definition}`])));
  spec.ref("Series", SeriesSchema, "output", "One stacked series: its key, its measures over the range, and one value per day or bucket.");
  spec.ref(
    "UsageEvent",
    UsageEventInput,
    "input",
    "One billed call attempt (snake_case). Counts are whole numbers; cache_read + cache_write ≤ input, cache_write_1h ≤ cache_write, reasoning ≤ output, delivered_output ≤ output. cost_usd, when given, overrides the price book (decimal string or number, USD).",
  );
}
