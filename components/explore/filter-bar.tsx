"use client";
import { useState, type FormEvent } from "react";
import { DIMENSION_NAMES, type Dimension } from "@/lib/clickhouse/fragments";
import type { ExplorerState } from "@/lib/finops/explorer-state";

const label = (d: string) => d.replace(/_/g, " ");
const shown = (v: string) => (v === "" ? "(none)" : v);

/** Include / exclude filters on any dimension; values suggested from the groups on screen. */
export function FilterBar({ state, suggestions, onChange }: { state: ExplorerState; suggestions: Partial<Record<Dimension, string[]>>; onChange: (include: ExplorerState["include"], exclude: ExplorerState["exclude"]) => void }) {
  const [dim, setDim] = useState<Dimension>(state.groupBy);
  function remove(kind: "include" | "exclude", d: Dimension, v: string) {
    const next = { include: { ...state.include }, exclude: { ...state.exclude } };
    next[kind][d] = (next[kind][d] ?? []).filter((x) => x !== v);
    if (!next[kind][d]?.length) delete next[kind][d];
    onChange(next.include, next.exclude);
  }
  function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const value = String(f.get("value") ?? "");
    const kind = f.get("kind") === "exclude" ? "exclude" : "include";
    const next = { include: { ...state.include }, exclude: { ...state.exclude } };
    next[kind][dim] = [...new Set([...(next[kind][dim] ?? []), value === "(none)" ? "" : value])];
    onChange(next.include, next.exclude);
    e.currentTarget.reset();
  }
  const chips = (["include", "exclude"] as const).flatMap((kind) =>
    Object.entries(state[kind]).flatMap(([d, values]) => (values ?? []).map((v) => ({ kind, d: d as Dimension, v }))),
  );
  return (
    <div className="filter-bar">
      {chips.map(({ kind, d, v }) => (
        <span key={`${kind}:${d}:${v}`} className={`chip ${kind}`}>
          {label(d)} {kind === "include" ? "=" : "≠"} <strong title={shown(v)}>{shown(v)}</strong>
          <button aria-label={`Remove filter ${label(d)} ${kind === "include" ? "=" : "≠"} ${shown(v)}`} onClick={() => remove(kind, d, v)}>×</button>
        </span>
      ))}
      <form className="filter-add" onSubmit={add} aria-label="Add a filter">
        <select aria-label="Filter dimension" value={dim} onChange={(e) => setDim(e.target.value as Dimension)}>
          {DIMENSION_NAMES.map((d) => <option key={d} value={d}>{label(d)}</option>)}
        </select>
        <select name="kind" aria-label="Include or exclude"><option value="include">is</option><option value="exclude">is not</option></select>
        <input name="value" list={`values-${dim}`} placeholder="value" aria-label="Filter value" required={false} />
        <datalist id={`values-${dim}`}>{(suggestions[dim] ?? []).map((v) => <option key={v} value={shown(v)} />)}</datalist>
        <button className="button small">Add filter</button>
      </form>
    </div>
  );
}
