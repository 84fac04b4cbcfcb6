import { Suspense } from "react";
import { ChargebackPanel } from "@/components/chargeback/chargeback-panel";
import { StatusMessage } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";
import { currentPeriodKey } from "@/lib/finops/chargeback";
import { previousKey } from "@/lib/finops/chargeback-adjustments";

export const dynamic = "force-dynamic";

/** Chargeback: opens on the last complete month (the one finance reviews and closes). */
export default async function ChargebackPage() {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "chargeback:read")) return <NoAccess title="Chargeback" why="Chargeback reports are for finance and admins." />;
  const defaultPeriod = previousKey(await currentPeriodKey());
  return (
    <div className="page">
      <h1>Chargeback</h1>
      <Suspense fallback={<StatusMessage kind="loading" title="Loading…" />}>
        <ChargebackPanel defaultPeriod={defaultPeriod} canClose={can(principal, "period:close")} isAdmin={principal.role === "admin"} />
      </Suspense>
    </div>
  );
}
