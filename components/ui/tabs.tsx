"use client";
import * as RadixTabs from "@radix-ui/react-tabs";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

export type TabItem = { id: string; label: string };

/**
 * Tabs on Radix (WAI-ARIA tabs pattern): one tab stop (the selected tab), the arrow keys move and select
 * (automatic activation, wrapping), Home/End jump to the ends, and each tab names its panel. The selected tab
 * is the caller's (the URL's) state: Radix only reports a change. The focus ring is the global :focus-visible
 * outline, drawn inside the tab so the strip's horizontal scrolling does not clip it.
 */
export function Tabs({ label, tabs, active, onSelect, children }: { label: string; tabs: readonly TabItem[]; active: string; onSelect: (id: string) => void; children: ReactNode }) {
  const refs = useRef<Map<string, HTMLButtonElement>>(new Map());
  // On a narrow screen the strip scrolls sideways: keep the selected tab (e.g. from ?tab=keys) in view.
  useEffect(() => {
    refs.current.get(active)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [active]);

  // Radix focuses a tab from script on mousedown, and Chromium draws a script focus after a page load (or
  // after another such focus) as keyboard focus: a ring on every click. Select and focus the same way, minus
  // the ring; preventing the default skips Radix's own handler. Other buttons and ctrl-clicks stay Radix's.
  const clickSelect = (id: string) => (e: MouseEvent<HTMLButtonElement>) => {
    if (e.button !== 0 || e.ctrlKey) return;
    e.preventDefault();
    e.currentTarget.focus({ focusVisible: false } as FocusOptions);
    onSelect(id);
  };

  return (
    <RadixTabs.Root value={active} onValueChange={onSelect} activationMode="automatic">
      <RadixTabs.List className="tabs" aria-label={label} loop>
        {tabs.map((t) => (
          <RadixTabs.Trigger key={t.id} value={t.id} className="tab" ref={(el) => void (el ? refs.current.set(t.id, el) : refs.current.delete(t.id))} onMouseDown={clickSelect(t.id)}>
            {t.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {/* Only the selected panel is rendered: the others would load their data for nothing. */}
      <RadixTabs.Content value={active} className="tabpanel">
        {children}
      </RadixTabs.Content>
    </RadixTabs.Root>
  );
}
