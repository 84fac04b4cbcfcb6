import { AlertDetailView } from "@/components/alerts/alert-detail";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "spend:read")) return <NoAccess title="Alert" why="Alerts are for people who can see spend." />;
  const { id } = await params;
  // Leads act on alerts of their own teams; the API checks the alert's team.
  const canAct = can(principal, "budgets:write") || principal.teams.some((t) => can(principal, "budgets:write", { team: t }));
  return (
    <div className="page">
      <AlertDetailView id={id} canAct={canAct} />
    </div>
  );
}
