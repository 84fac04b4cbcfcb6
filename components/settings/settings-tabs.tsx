"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { AuditPanel } from "./audit-panel";
import { KeysPanel } from "./keys-panel";
import { PriceBookPanel } from "./price-book-panel";
import { RulesPanel } from "./rules-panel";
import { TeamsPanel } from "./teams-panel";
import { UnpricedPanel } from "./unpriced-panel";

const TABS = [
  { id: "prices", label: "Price book", Panel: PriceBookPanel },
  { id: "unpriced", label: "Unpriced models", Panel: UnpricedPanel },
  { id: "rules", label: "Ownership rules", Panel: RulesPanel },
  { id: "keys", label: "Ingest keys", Panel: KeysPanel },
  { id: "teams", label: "Teams", Panel: TeamsPanel },
  { id: "audit", label: "Audit log", Panel: AuditPanel },
] as const;

export function SettingsTabs() {
  const params = useSearchParams();
  const router = useRouter();
  const active = TABS.find((t) => t.id === params.get("tab")) ?? TABS[0];
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Settings sections">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === active.id} className="tab" onClick={() => router.replace(`/settings?tab=${t.id}`, { scroll: false })}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={active.label}>
        <active.Panel />
      </div>
    </>
  );
}
