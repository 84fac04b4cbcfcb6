"use client";
import * as Popover from "@radix-ui/react-popover";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { DIMENSION_NAMES, type Dimension } from "@/lib/dimensions";
import { valuesQuery, VALUES_LIMIT, type ExplorerState, type Filters } from "@/lib/finops/explorer-state";
import { shownKey } from "@/lib/finops/explorer-table";
import { formatUsd } from "@/lib/finops/format";
import { useSummaryQuery } from "@/lib/hooks/use-summary";

const label = (d: string) => d.replace(/_/g, " ");
// Enough to scroll through; beyond that, typing searches on the server (the list says how many are hidden).
const MAX_SHOWN = VALUES_LIMIT;

/** The mode and values a dimension is filtered by now (exclude only when it has excludes and no includes). */
function current(f: Filters, dim: Dimension): { mode: "include" | "exclude"; values: string[] } {
  const inc = f.include[dim] ?? [];
  const exc = f.exclude[dim] ?? [];
  return !inc.length && exc.length ? { mode: "exclude", values: exc } : { mode: "include", values: inc };
}

/**
 * "Add filter": pick a dimension, include or exclude, then tick several values found by typing. Values and
 * their cost come from the summary grouped by that dimension under the other filters of the view.
 * A Radix popover (a modal dialog): focus stays inside while open and goes back to "+ Filter" on close; Escape
 * or a click outside closes it; it flips and shifts to stay on screen (a 390 px phone included). In the list,
 * the arrow keys move between values (ArrowDown from the search field enters it) and Enter or Space ticks one.
 */
export function FilterPicker({ state, initialDim, onApply }: { state: ExplorerState; initialDim: Dimension; onApply: (f: Filters) => void }) {
  const [open, setOpen] = useState(false);
  const [dim, setDim] = useState<Dimension>(initialDim);
  const [mode, setMode] = useState<"include" | "exclude">("include");
  const [draft, setDraft] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const searchField = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // Closed by a click outside: focus goes back to the button without the keyboard ring (see onCloseAutoFocus).
  const closedByPointer = useRef(false);
  const list = useRef<HTMLUListElement>(null);
  // The search goes to the server a moment after typing stops, so each keystroke does not cost a query.
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setAsked(search), 250);
    return () => clearTimeout(t);
  }, [search]);
  const values = useSummaryQuery(valuesQuery(state, dim, asked), { enabled: open });
  const hidden = values.data && !values.isPlaceholderData ? values.data.group_count - values.data.groups.length : 0;

  function start(d: Dimension) {
    const c = current(state, d);
    setDim(d);
    setMode(c.mode);
    setDraft(c.values);
    setSearch("");
  }
  const options = useMemo(() => {
    const listed = values.isPlaceholderData ? [] : (values.data?.groups ?? []).map((g) => ({ value: g.key, cost: g.cost_usd as string | null }));
    // Picked values with no usage under the other filters stay visible so they can be unticked.
    const missing = draft.filter((v) => !listed.some((o) => o.value === v)).map((value) => ({ value, cost: null }));
    const needle = search.trim().toLowerCase();
    return [...missing, ...listed].filter((o) => shownKey(o.value).toLowerCase().includes(needle));
  }, [values.data, values.isPlaceholderData, draft, search]);
  const toggle = (v: string) => setDraft((d) => (d.includes(v) ? d.filter((x) => x !== v) : [...d, v]));
  const typed = search.trim();

  function apply() {
    const include = { ...state.include };
    const exclude = { ...state.exclude };
    delete include[dim];
    delete exclude[dim];
    if (draft.length) (mode === "include" ? include : exclude)[dim] = draft;
    onApply({ include, exclude });
    setOpen(false);
  }

  function openChange(next: boolean) {
    if (next) {
      start(dim);
      closedByPointer.current = false;
    }
    setOpen(next);
  }

  /** Up and down through the value checkboxes; up from the first goes back to the search field. */
  function onListKey(e: KeyboardEvent<HTMLElement>) {
    const boxes = [...(list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    const at = boxes.indexOf(e.target as HTMLInputElement);
    const fromSearch = e.target === searchField.current;
    if (at < 0 && !fromSearch) return; // the dimension select and the is/is not radios keep their own keys
    if (e.key === "Enter" && at >= 0) {
      e.preventDefault();
      boxes[at].click();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    if (fromSearch && (e.key === "ArrowUp" || !boxes.length)) return;
    e.preventDefault();
    const to = fromSearch ? 0 : e.key === "ArrowDown" ? Math.min(at + 1, boxes.length - 1) : at - 1;
    (to < 0 ? searchField.current : boxes[to])?.focus();
  }

  return (
    <Popover.Root open={open} onOpenChange={openChange} modal>
      <div className="filter-picker">
        <Popover.Trigger ref={trigger} className="button small">+ Filter</Popover.Trigger>
      </div>
      <Popover.Portal>
        <Popover.Content
          className="filter-panel"
          aria-label="Filter values"
          side="bottom"
          align="start"
          sideOffset={4}
          collisionPadding={8}
          // Typing is what one does first: start in the search field rather than the dimension select.
          onOpenAutoFocus={(e) => (e.preventDefault(), searchField.current?.focus())}
          onKeyDown={onListKey}
          onPointerDownOutside={() => void (closedByPointer.current = true)}
          // Radix gives focus back from script, which Chromium draws as keyboard focus when the search field had
          // it: after a click outside, give it back without the ring (Escape and keyboard Apply keep the ring).
          onCloseAutoFocus={(e) => {
            if (!closedByPointer.current) return;
            e.preventDefault();
            trigger.current?.focus({ focusVisible: false } as FocusOptions);
          }}
        >
          <div className="filter-panel-head">
            <select aria-label="Filter dimension" value={dim} onChange={(e) => start(e.target.value as Dimension)}>
              {DIMENSION_NAMES.map((d) => <option key={d} value={d}>{label(d)}</option>)}
            </select>
            {/* A radio group: one tab stop, the arrow keys switch (WAI-ARIA radio pattern). */}
            <div
              className="segmented"
              role="radiogroup"
              aria-label="Include or exclude"
              onKeyDown={(e) => {
                if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(e.key)) return;
                e.preventDefault();
                const next = mode === "include" ? "exclude" : "include";
                setMode(next);
                e.currentTarget.querySelector<HTMLButtonElement>(`[data-mode="${next}"]`)?.focus();
              }}
            >
              {(["include", "exclude"] as const).map((m) => (
                <button key={m} type="button" role="radio" data-mode={m} tabIndex={mode === m ? 0 : -1} aria-checked={mode === m} className={mode === m ? "on" : ""} onClick={() => setMode(m)}>
                  {m === "include" ? "is" : "is not"}
                </button>
              ))}
            </div>
          </div>
          <input ref={searchField} type="search" aria-label="Search values" placeholder={`Search ${label(dim)}…`} value={search} onChange={(e) => setSearch(e.target.value)} />
          <ul ref={list} className="filter-values" aria-label={`${label(dim)} values`}>
            {values.isPending || values.isPlaceholderData ? (
              <li className="muted">Loading values…</li>
            ) : values.error ? (
              <li className="form-error">{values.error.message}</li>
            ) : options.length === 0 ? (
              <li className="muted">No {label(dim)} matches “{typed}” in this range.</li>
            ) : (
              options.slice(0, MAX_SHOWN).map((o) => (
                <li key={o.value}>
                  <label className="filter-value" title={shownKey(o.value)}>
                    <input type="checkbox" aria-label={shownKey(o.value)} checked={draft.includes(o.value)} onChange={() => toggle(o.value)} />
                    <span className="truncate">{shownKey(o.value)}</span>
                    <span className="num muted">{o.cost === null ? "–" : formatUsd(o.cost)}</span>
                  </label>
                </li>
              ))
            )}
            {options.length > MAX_SHOWN || hidden > 0 ? <li className="muted" data-testid="filter-values-more">{Math.max(options.length - MAX_SHOWN, hidden)} more: type to search them.</li> : null}
          </ul>
          <div className="filter-panel-foot">
            {/* Only when nothing matches: a value may have no usage in this range yet still be worth filtering on. */}
            {typed && options.length === 0 && !values.isPending && (
              <button className="button small" onClick={() => toggle(typed)} title="For a value with no usage in this range">Add “{typed}”</button>
            )}
            <span className="muted">{draft.length} selected</span>
            <Popover.Close className="button small">Cancel</Popover.Close>
            <button className="button small primary" onClick={apply}>Apply</button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
