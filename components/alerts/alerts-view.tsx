"use client";
import { useQueryStates } from "nuqs";
import { Tabs } from "@/components/ui/tabs";
import { alertsParsers, ALERT_TABS } from "@/lib/finops/alerts-state";
import { AlertRulesPanel } from "./alert-rules-panel";
import { AlertsList } from "./alerts-list";
import { ChannelsPanel } from "./channels-panel";

const LABELS: Record<(typeof ALERT_TABS)[number], string> = { alerts: "Alerts", rules: "Rules", channels: "Channels" };

export function AlertsView({ canWriteRules, canWriteChannels, canSeeChannels }: { canWriteRules: boolean; canWriteChannels: boolean; canSeeChannels: boolean }) {
  // The page's parsers (lib/finops/alerts-state.ts) keep the tab in the address (?tab=rules), so it survives reload.
  const [{ tab: asked }, setValues] = useQueryStates(alertsParsers, { history: "replace", scroll: false });
  const tabs = ALERT_TABS.filter((t) => t !== "channels" || canSeeChannels).map((id) => ({ id, label: LABELS[id] }));
  const tab = tabs.some((t) => t.id === asked) ? asked : "alerts";
  return (
    <Tabs label="Alerts sections" tabs={tabs} active={tab} onSelect={(id) => void setValues({ tab: id as (typeof ALERT_TABS)[number] })}>
      {tab === "alerts" && <AlertsList canEvaluate={canWriteRules} />}
      {tab === "rules" && <AlertRulesPanel canWrite={canWriteRules} />}
      {tab === "channels" && <ChannelsPanel canWrite={canWriteChannels} />}
    </Tabs>
  );
}
