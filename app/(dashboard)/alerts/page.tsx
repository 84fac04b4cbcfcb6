import { AlertsView } from "@/components/alerts/alerts-view";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "spend:read")) return <NoAccess title="Alerts" why="Alerts are for people who can see spend." />;
  return (
    <div className="page">
      <h1>Alerts</h1>
      <AlertsView canWriteRules={can(principal, "budgets:write") && principal.all} canWriteChannels={can(principal, "rules:write")} canSeeChannels={can(principal, "settings:read")} />
    </div>
  );
}
