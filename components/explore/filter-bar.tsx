"use client";
import type { Dimension } from "@/lib/dimensions";
import { hasFilters, type ExplorerState, type Filters } from "@/lib/finops/explorer-state";
import { shownKey } from "@/lib/finops/explorer-table";
import { FilterPicker } from "./filter-picker";

const label = (d: string) => d.replace(/_/g, " ");

/** Active filters as removable chips ("team = search", "model ≠ gpt-4o"), the picker, and "Clear all". */
export function FilterBar({ state, onChange }: { state: ExplorerState; onChange: (f: Filters) => void }) {
  function remove(kind: "include" | "exclude", d: Dimension, v: string) {
    const next = { include: { ...state.include }, exclude: { ...state.exclude } };
    next[kind][d] = (next[kind][d] ?? []).filter((x) => x !== v);
    if (!next[kind][d]?.length) delete next[kind][d];
    onChange(next);
  }
  const chips = (["include", "exclude"] as const).flatMap((kind) =>
    Object.entries(state[kind]).flatMap(([d, values]) => (values ?? []).map((v) => ({ kind, d: d as Dimension, v }))),
  );
  return (
    <div className="filter-bar" aria-label="Filters">
      <span className="field-label">Filters</span>
      {chips.map(({ kind, d, v }) => {
        const text = `${label(d)} ${kind === "include" ? "=" : "≠"} ${shownKey(v)}`;
        return (
          <span key={`${kind}:${d}:${v}`} className={`chip ${kind}`} title={text}>
            <span>{label(d)} {kind === "include" ? "=" : "≠"}</span> <strong>{shownKey(v)}</strong>
            <button aria-label={`Remove filter ${text}`} onClick={() => remove(kind, d, v)}>×</button>
          </span>
        );
      })}
      <FilterPicker state={state} initialDim={state.groupBy} onApply={onChange} />
      {hasFilters(state) && <button className="button small link" onClick={() => onChange({ include: {}, exclude: {} })}>Clear all</button>}
    </div>
  );
}
