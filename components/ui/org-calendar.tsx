"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Calendar } from "@/lib/finops/calendar";

/**
 * The organisation's calendar (first day of its months and weeks; Settings → Calendar), loaded once by the
 * dashboard's layout, so every page's presets and comparisons cut months and weeks as chargeback and budgets do.
 * The zone is the page's own (its `tz`), so it is not part of this.
 */
export type OrgCalendar = Omit<Calendar, "timeZone">;
const Ctx = createContext<OrgCalendar>({ monthStartDay: 1, weekStartsOn: 1 });

export function OrgCalendarProvider({ calendar, children }: { calendar: OrgCalendar; children: ReactNode }) {
  return <Ctx.Provider value={calendar}>{children}</Ctx.Provider>;
}

export const useOrgCalendar = () => useContext(Ctx);
