import { Suspense } from "react";
import { BudgetsPanel } from "@/components/budgets/budgets-panel";
import { ForecastsPanel } from "@/components/forecasts/forecasts-panel";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can, ROLE_DEFS } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function BudgetsPage() {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "spend:read")) return <NoAccess title="Budgets & Forecasts" why="Budgets are shown to roles that read spend." />;
  // A lead's grant is for own teams: creating is offered when they have a team; the server checks each budget.
  const grant = ROLE_DEFS[principal.role].grants["budgets:write"];
  const canCreate = grant === "all" || (grant === "own" && principal.teams.length > 0);
  return (
    <div className="page">
      <h1>Budgets &amp; Forecasts</h1>
      <BudgetsPanel canCreate={canCreate} />
      <Suspense>
        <ForecastsPanel />
      </Suspense>
    </div>
  );
}
