"use client";
import { useState } from "react";
import { AlertRulesPanel } from "./alert-rules-panel";
import { AlertsList } from "./alerts-list";
import { ChannelsPanel } from "./channels-panel";

const TABS = [
  { id: "alerts", label: "Alerts" },
  { id: "rules", label: "Rules" },
  { id: "channels", label: "Channels" },
] as const;

export function AlertsView({ canWriteRules, canWriteChannels, canSeeChannels }: { canWriteRules: boolean; canWriteChannels: boolean; canSeeChannels: boolean }) {
  const [tab, setTab] = useState<(typeof TABS)[number]["id"]>("alerts");
  return (
    <>
      <div className="tabs" role="tablist">
        {TABS.filter((t) => t.id !== "channels" || canSeeChannels).map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={`tab ${tab === t.id ? "active" : ""}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === "alerts" && <AlertsList canEvaluate={canWriteRules} />}
      {tab === "rules" && <AlertRulesPanel canWrite={canWriteRules} />}
      {tab === "channels" && <ChannelsPanel canWrite={canWriteChannels} />}
    </>
  );
}
