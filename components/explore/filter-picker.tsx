"use client";
import { useEffect, useId, useMemo, useRef, useState } from "react";
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
 */
export function FilterPicker({ state, initialDim, onApply }: { state: ExplorerState; initialDim: Dimension; onApply: (f: Filters) => void }) {
  const [open, setOpen] = useState(false);
  const [dim, setDim] = useState<Dimension>(initialDim);
  const [mode, setMode] = useState<"include" | "exclude">("include");
  const [draft, setDraft] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const box = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panelId = useId();
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
  // Closes on Escape (focus back on the button that opened it, so the keyboard user is where they were) or a
  // click elsewhere, like any menu.
  useEffect(() => {
    if (!open) return;
    const key = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      trigger.current?.focus();
    };
    const click = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", key);
    document.addEventListener("mousedown", click);
    return () => {
      document.removeEventListener("keydown", key);
      document.removeEventListener("mousedown", click);
    };
  }, [open]);

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
    trigger.current?.focus();
  }

  return (
    <div className="filter-picker" ref={box}>
      <button ref={trigger} className="button small" aria-expanded={open} aria-haspopup="dialog" aria-controls={open ? panelId : undefined} onClick={() => (open ? setOpen(false) : (start(dim), setOpen(true)))}>
        + Filter
      </button>
      {open && (
        <div className="filter-panel" id={panelId} role="dialog" aria-label="Filter values">
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
          <input type="search" aria-label="Search values" placeholder={`Search ${label(dim)}…`} value={search} autoFocus onChange={(e) => setSearch(e.target.value)} />
          <ul className="filter-values" aria-label={`${label(dim)} values`}>
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
            <button className="button small" onClick={() => (setOpen(false), trigger.current?.focus())}>Cancel</button>
            <button className="button small primary" onClick={apply}>Apply</button>
          </div>
        </div>
      )}
    </div>
  );
}
