"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { ViewerScope } from "@/lib/finops/scope-notice";

/** The signed-in viewer's teams (all, or a list), from the dashboard's layout: pages use it to explain empty views. */
const Ctx = createContext<ViewerScope>({ all: true, teams: [] });

export function ViewerScopeProvider({ scope, children }: { scope: ViewerScope; children: ReactNode }) {
  return <Ctx.Provider value={scope}>{children}</Ctx.Provider>;
}

export const useViewerScope = () => useContext(Ctx);
