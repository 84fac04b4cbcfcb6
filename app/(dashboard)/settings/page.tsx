import { Suspense } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export const dynamic = "force-dynamic";

export default function SettingsPage() {
  return (
    <div className="page">
      <h1>Settings</h1>
      <Suspense>
        <SettingsTabs />
      </Suspense>
    </div>
  );
}
