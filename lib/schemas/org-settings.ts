import { z } from "zod";
import { TimeZone } from "./summary";

/** GET/PUT /api/v1/settings/org: the organisation's calendar (zone, month start day, week start). */
export const OrgSettingsOut = z.object({
  timeZone: z.string().describe("IANA zone that periods are cut in."),
  monthStartDay: z.number().int().describe("Day of the month a period starts on (1-28)."),
  weekStartsOn: z.number().int().describe("0 = Sunday, 1 = Monday."),
});

/** The summary's zone check (and its canonical spelling), without its default: an absent zone changes nothing. */
function zone(tz: string, ctx: z.RefinementCtx): string {
  const r = TimeZone.safeParse(tz);
  if (r.success) return r.data;
  ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as Europe/Paris" });
  return z.NEVER;
}

export const OrgSettingsUpdate = z
  .object({
    timeZone: z.string().transform(zone).optional(),
    monthStartDay: z.number().int().min(1, "must be 1 to 28").max(28, "must be 1 to 28 (every month has that day)").optional(),
    weekStartsOn: z.union([z.literal(0), z.literal(1)], { error: "must be 0 (Sunday) or 1 (Monday)" }).optional(),
  })
  .strict();
