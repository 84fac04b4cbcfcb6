import { z } from "zod";
import { DRIVERS } from "@/lib/finops/change-decomposition";
import { DateOnly, DateRangeFields, money } from "./summary";

const MAX_DAYS = 400;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * GET /api/v1/change: why spend changed between a baseline period and the current one. `base_from`/`base_to`
 * default to the period of the same length just before [from, to); `baseline_from`/`baseline_to` are
 * accepted as their synonyms. Dimension filters (DIM=VALUE, exclude_DIM=VALUE) as in /api/v1/summary.
 */
export const ChangeQuery = z
  .object({
    ...DateRangeFields,
    base_from: DateOnly.optional(),
    base_to: DateOnly.optional(),
    baseline_from: DateOnly.optional(),
    baseline_to: DateOnly.optional(),
  })
  .refine((q) => q.from < q.to, { path: ["to"], message: "must be after from" })
  .refine((q) => days(q.from, q.to) <= MAX_DAYS, { path: ["to"], message: `the range may span at most ${MAX_DAYS} days` })
  .refine((q) => !(q.base_from && q.baseline_from && q.base_from !== q.baseline_from), { path: ["baseline_from"], message: "differs from base_from (give one of them)" })
  .refine((q) => !(q.base_to && q.baseline_to && q.base_to !== q.baseline_to), { path: ["baseline_to"], message: "differs from base_to (give one of them)" })
  .transform(({ baseline_from, baseline_to, ...q }) => ({ ...q, base_from: q.base_from ?? baseline_from, base_to: q.base_to ?? baseline_to }))
  .refine((q) => !q.base_from === !q.base_to, { path: ["base_to"], message: "give both base_from and base_to, or neither" })
  .refine((q) => !q.base_from || !q.base_to || q.base_from < q.base_to, { path: ["base_to"], message: "must be after base_from" })
  .refine((q) => !q.base_from || !q.base_to || days(q.base_from, q.base_to) <= MAX_DAYS, { path: ["base_to"], message: `the baseline may span at most ${MAX_DAYS} days` });
export type ChangeQuery = z.infer<typeof ChangeQuery>;

export const CONTRIBUTOR_DIMENSIONS = ["team", "repo", "feature", "model", "customer"] as const;
export type ContributorDimension = (typeof CONTRIBUTOR_DIMENSIONS)[number];

const Period = z.object({ from: z.string(), to: z.string(), cost_usd: money }).strict();
/**
 * The baseline, `to` exclusive. By default the period before the current one in the organisation's calendar
 * (a month against the month before, else the same length before); when the current period holds today it is
 * cut to the same elapsed time and `until` is the instant (UTC) its last day is cut at. `label` says which.
 */
const Baseline = z.object({ from: z.string(), to: z.string(), cost_usd: money, until: z.string().nullable(), label: z.string() }).strict();
export const Contributor = z
  .object({ dimension: z.enum(CONTRIBUTOR_DIMENSIONS), value: z.string(), amount_usd: money, share: z.number() })
  .strict();
export const Driver = z
  .object({ id: z.enum(DRIVERS), label: z.string(), definition: z.string(), amount_usd: money, contributors: z.array(Contributor) })
  .strict();
export const ChangeResponse = z
  .object({ baseline: Baseline, current: Period, change_usd: money, drivers: z.array(Driver), residual_usd: money })
  .strict();
export type ChangeResponse = z.infer<typeof ChangeResponse>;
export type ChangeDriver = z.infer<typeof Driver>;
export type ChangeContributor = z.infer<typeof Contributor>;
