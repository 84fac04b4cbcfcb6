"use client";
import { createContext, useContext, type ReactNode } from "react";

/**
 * The organisation's pinned team colours (teamColorMap in ./series-colors, computed by the dashboard's layout):
 * charts split by team, the trace timeline and the forecasts give a team the same colour on every page.
 */
const Ctx = createContext<Readonly<Record<string, string>>>({});

export function TeamColorsProvider({ colors, children }: { colors: Readonly<Record<string, string>>; children: ReactNode }) {
  return <Ctx.Provider value={colors}>{children}</Ctx.Provider>;
}

export const useTeamColors = () => useContext(Ctx);
