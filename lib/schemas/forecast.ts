import { z } from "zod";
import { ChartPointOut, ForecastOut } from "./budget";

/** GET /api/v1/forecasts: the query and the answer of the forecasts page. */
export const FORECAST_DIMENSIONS = ["team", "repo", "feature"] as const;
export const FORECAST_PERIODS = ["month", "quarter", "week"] as const;

export const ForecastQuery = z.object({
  dimension: z.enum(FORECAST_DIMENSIONS).default("team").describe("What each row is: a team, a repo or a feature"),
  period: z.enum(FORECAST_PERIODS).default("month").describe("The current period of the organisation's calendar to forecast to its end"),
  limit: z.coerce.number().int().min(1).max(50).default(12).describe("Rows forecast one by one, by spend over the last 28 days; the rest are counted in `others`"),
});

const money = z.string().describe("USD as a decimal string");
const Row = z.object({
  value: z.string(),
  unattributed: z.boolean().describe("The events with no value for the dimension (shown as Unattributed)"),
  actual_usd: money.describe("Spend in the current period so far"),
  previous_period_usd: money.describe("Spend in the whole previous period"),
  forecast: ForecastOut,
  chart: z.array(ChartPointOut),
});

export const ForecastsOut = z.object({
  dimension: z.enum(FORECAST_DIMENSIONS),
  period: z.object({
    kind: z.enum(FORECAST_PERIODS),
    label: z.string(),
    from: z.string(),
    to: z.string().describe("exclusive"),
    today: z.string().describe("Today's local date; today is partial"),
    previous: z.object({ label: z.string(), from: z.string(), to: z.string().describe("exclusive") }),
  }),
  time_zone: z.string(),
  total: Row.describe("Everything the caller may see, forecast from its own daily series (intervals do not add across rows)"),
  rows: z.array(Row),
  others: z.object({ count: z.number().int(), actual_usd: money }),
});
