"use client";
import { useRef, useState, type KeyboardEvent } from "react";

/**
 * Keyboard access to a bar chart's buckets: one transparent button over each bar's column (recharts draws SVG
 * that a keyboard cannot reach). Tab reaches the chart once; ←/→ (Home/End) move between bars; Enter or Space
 * does what a click on the bar does. The focused column is outlined. Mouse clicks pass through to the chart
 * (pointer-events: none), so the two ways never fight. `left`/`right`/`top`/`height` are the plot area's insets.
 */
export type BarKey = { id: string; label: string };

export function BarKeys({ items, onActivate, name, inset }: { items: readonly BarKey[]; onActivate: (id: string) => void; name: string; inset: { left: number; right: number; top: number; height: number } }) {
  const [active, setActive] = useState(Math.max(0, items.length - 1));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = Math.min(active, items.length - 1);
  function move(e: KeyboardEvent) {
    const to = e.key === "ArrowRight" ? current + 1 : e.key === "ArrowLeft" ? current - 1 : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(items.length - 1, to));
    setActive(i);
    refs.current[i]?.focus();
  }
  if (!items.length) return null;
  return (
    <div className="bar-keys" role="group" aria-label={`${name}: one button per bar, arrow keys move, Enter opens`} style={{ left: inset.left, right: inset.right, top: inset.top, height: inset.height }} onKeyDown={move}>
      {items.map((it, i) => (
        <button key={it.id} ref={(el) => { refs.current[i] = el; }} type="button" className="bar-key" tabIndex={i === current ? 0 : -1} aria-label={it.label} title={it.label} data-testid="bar-key" onFocus={() => setActive(i)} onClick={() => onActivate(it.id)} />
      ))}
    </div>
  );
}
