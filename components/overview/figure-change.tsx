import type { Change } from "@/lib/finops/overview-kpis";

const ARROW = { up: "▲", down: "▼", flat: "■" } as const;

/**
 * A change against the previous period: arrow, absolute change, percentage. Colour says good or bad news
 * (spend up is red), the arrow says the direction, so the meaning never rests on colour alone.
 */
export function FigureChange({ change, previousRange, comparison, testId }: { change: Change; previousRange: string; comparison: string; testId?: string }) {
  const tip = `Previous period ${previousRange}: ${change.previous}`;
  if (change.fresh) {
    return (
      <div className="change change-neutral" title={tip} data-testid={testId}>
        {/* May wrap: unbroken, it ran out of a phone-width card (clipped, or over the next waste figure). */}
        <span className="badge">new</span> <span className="muted">none in the previous period</span>
        <span className="sr-only">: {tip}</span>
      </div>
    );
  }
  return (
    <div className={`change change-${change.tone}`} title={tip} data-testid={testId}>
      {/* Unbreakable pieces, so a narrow card wraps between the figure, its percentage and the caption, not inside them. */}
      <span className="nowrap">
        <span aria-hidden>{ARROW[change.direction]} </span>
        {change.direction === "flat" ? "no change" : change.text}
      </span>
      {change.pct && change.direction !== "flat" && <> <span className="nowrap">({change.pct})</span></>}{" "}
      {/* The API says what was compared (complete days, or the same hours when the period ends today). */}
      <span className="muted" data-testid={testId ? `${testId}-comparison` : undefined}>{comparison}</span>
      <span className="sr-only">: {tip}</span>
    </div>
  );
}
