import { AuditPanel } from "@/components/settings/audit-panel";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "audit:read")) return <NoAccess title="Audit log" why="The audit log is for admins and finance." />;
  return (
    <div className="page">
      <h1>Audit log</h1>
      <AuditPanel />
    </div>
  );
}
