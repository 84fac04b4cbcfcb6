import { BudgetDetail } from "@/components/budgets/budget-detail";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function BudgetPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "spend:read")) return <NoAccess title="Budget" why="Budgets are shown to roles that read spend." />;
  const { id } = await params;
  return (
    <div className="page">
      <BudgetDetail id={id} />
    </div>
  );
}
