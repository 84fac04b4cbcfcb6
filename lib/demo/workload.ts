import type { TraceKind } from "./fixtures";
import type { DemoIncidentId } from "./incidents";
import type { Day } from "./model-call";

/** A workload ("flow"): how often its units arrive over the day, and what one unit emits. */
export type Flow = {
  id: string;
  /** Units (a call, a trace, a session, a pipeline run) per weekday at `end`; earlier days shrink by `trend`. */
  perDay: number;
  weekend: number;
  /** Hour-of-day weights (random arrivals) or a daily schedule (exact count, start hour, spread in minutes). */
  hours?: readonly number[];
  schedule?: { hour: number; spreadMinutes: number };
  /** Only on these weekdays (0 = Sunday). */
  weekdays?: readonly number[];
  burst?: TraceKind;
  /** Only inside this incident's window. */
  during?: DemoIncidentId;
  /** Share of units that run in staging (no customer) instead of prod. */
  staging?: number;
  emit(d: Day, t: number, unit: number, env: string): void;
};

export const clampInt = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

export function prodAttr(d: Day, env: string): { customer: string; user: string } {
  if (env !== "prod") return { customer: "", user: "qa-bot" };
  const customer = d.customer();
  return { customer, user: d.endUser(customer) };
}
