"use client";
import { useQueryStates } from "nuqs";
import { Tabs } from "@/components/ui/tabs";
import { settingsParsers, type SettingsTab } from "@/lib/finops/settings-state";
import type { Permission } from "@/lib/auth/roles";
import { AuditPanel } from "./audit-panel";
import { CalendarPanel } from "./calendar-panel";
import { ChargebackSettingsPanel } from "./chargeback-settings-panel";
import { KeysPanel } from "./keys-panel";
import { PriceBookPanel } from "./price-book-panel";
import { RulesPanel } from "./rules-panel";
import { TeamsPanel } from "./teams-panel";
import { TokensPanel } from "./tokens-panel";
import { UnpricedPanel } from "./unpriced-panel";
import { UsersPanel } from "./users-panel";

type PanelProps = { canWrite: boolean };
const TABS: { id: SettingsTab; label: string; Panel: (p: PanelProps) => React.ReactNode; read: Permission; write: Permission }[] = [
  { id: "prices", label: "Price book", Panel: PriceBookPanel, read: "settings:read", write: "prices:write" },
  { id: "unpriced", label: "Unpriced models", Panel: UnpricedPanel, read: "settings:read", write: "prices:write" },
  { id: "rules", label: "Ownership rules", Panel: RulesPanel, read: "settings:read", write: "rules:write" },
  { id: "keys", label: "Ingest keys", Panel: KeysPanel, read: "settings:read", write: "keys:write" },
  { id: "teams", label: "Teams", Panel: TeamsPanel, read: "settings:read", write: "teams:write" },
  { id: "users", label: "Users", Panel: UsersPanel, read: "users:write", write: "users:write" },
  { id: "tokens", label: "API tokens", Panel: TokensPanel, read: "tokens:write", write: "tokens:write" },
  { id: "calendar", label: "Calendar", Panel: CalendarPanel, read: "settings:read", write: "period:close" },
  { id: "chargeback", label: "Chargeback", Panel: ChargebackSettingsPanel, read: "chargeback:read", write: "period:close" },
  { id: "audit", label: "Audit log", Panel: AuditPanel, read: "audit:read", write: "audit:read" },
];

/** Settings sections the caller may see; forms only where they may write (the API checks again). */
export function SettingsTabs({ permissions }: { permissions: Permission[] }) {
  // The page's parsers (lib/finops/settings-state.ts) read ?tab= and write it back.
  const [{ tab }, setValues] = useQueryStates(settingsParsers, { history: "replace", scroll: false });
  const tabs = TABS.filter((t) => permissions.includes(t.read));
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <Tabs label="Settings sections" tabs={tabs} active={active.id} onSelect={(id) => void setValues({ tab: id })}>
      <active.Panel canWrite={permissions.includes(active.write)} />
    </Tabs>
  );
}
