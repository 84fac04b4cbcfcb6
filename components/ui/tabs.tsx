"use client";
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export type TabItem = { id: string; label: string };

/**
 * Tabs by the WAI-ARIA tabs pattern (Radix is not installed here): one tab stop (the selected tab; the others
 * tabindex -1), arrow keys move and select (automatic activation, wrapping), Home/End jump to the ends, and
 * each tab names the panel it controls. The focus ring is the global :focus-visible outline, drawn inside
 * the tab so the strip's horizontal scrolling does not clip it.
 */
export function Tabs({ label, tabs, active, onSelect, children }: { label: string; tabs: readonly TabItem[]; active: string; onSelect: (id: string) => void; children: ReactNode }) {
  const base = useId();
  const refs = useRef<Map<string, HTMLButtonElement>>(new Map());
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  // On a narrow screen the strip scrolls sideways: keep the selected tab (e.g. from ?tab=keys) in view.
  useEffect(() => {
    refs.current.get(active)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [active]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const i = tabs.findIndex((t) => t.id === active);
    const to = e.key === "ArrowRight" ? (i + 1) % tabs.length : e.key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    onSelect(tabs[to].id);
    refs.current.get(tabs[to].id)?.focus();
  }

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => void (el ? refs.current.set(t.id, el) : refs.current.delete(t.id))}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={t.id === active}
            aria-controls={panelId}
            tabIndex={t.id === active ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(active)} tabIndex={0} className="tabpanel">
        {children}
      </div>
    </>
  );
}
