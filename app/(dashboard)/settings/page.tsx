import { Suspense } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { NoAccess } from "@/components/ui/no-access";
import { currentPrincipal, permissionsOf } from "@/lib/auth/current";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const principal = await currentPrincipal();
  if (!principal || !can(principal, "settings:read")) return <NoAccess title="Settings" why="Settings are for admins, finance and team leads." />;
  return (
    <div className="page">
      <h1>Settings</h1>
      <Suspense>
        <SettingsTabs permissions={permissionsOf(principal)} />
      </Suspense>
    </div>
  );
}
