import { z } from "zod";

/** GET /api/v1/overview: spend for the last `days` whole UTC days (today included). */
export const OverviewQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export type OverviewQuery = z.infer<typeof OverviewQuery>;

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const OverviewResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    timezone: z.literal("UTC"),
    total: z.object({ cost_usd: decimal, attempts: z.number().int(), unpriced_events: z.number().int() }).strict(),
    daily: z.array(z.object({ day: z.string(), cost_usd: decimal, attempts: z.number().int() }).strict()),
    teams: z.array(z.object({ team: z.string(), cost_usd: decimal }).strict()),
  })
  .strict();
export type OverviewResponse = z.infer<typeof OverviewResponse>;
