import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { Nav } from "@/components/ui/nav";
import { OrgCalendarProvider } from "@/components/ui/org-calendar";
import { ViewerScopeProvider } from "@/components/ui/viewer-scope";
import { teamColorMap } from "@/components/charts/series-colors";
import { TeamColorsProvider } from "@/components/charts/team-colors";
import { listTeams } from "@/lib/admin/teams";
import { getOrgSettings } from "@/lib/admin/org-settings";
import { currentPrincipal, permissionsOf } from "@/lib/auth/current";

export const dynamic = "force-dynamic";

/** The signed-in shell: every page below requires a session (each API it calls checks again). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) {
    const path = (await headers()).get("x-pathname") ?? "/overview";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  const { monthStartDay, weekStartsOn } = await getOrgSettings();
  // One colour per team for everyone, on every chart: assigned over all the organisation's teams.
  const teamColors = teamColorMap((await listTeams()).map((t) => t.slug), principal.all ? "all" : principal.teams);
  const user = { name: principal.name, role: principal.role, teams: principal.teams, all: principal.all, permissions: permissionsOf(principal) };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <Nav user={user} />
      <main className="main" id="main" tabIndex={-1}>
        <Providers>
          <OrgCalendarProvider calendar={{ monthStartDay, weekStartsOn }}>
            <ViewerScopeProvider scope={{ all: principal.all, teams: principal.teams }}>
              <TeamColorsProvider colors={teamColors}>{children}</TeamColorsProvider>
            </ViewerScopeProvider>
          </OrgCalendarProvider>
        </Providers>
      </main>
    </div>
  );
}
