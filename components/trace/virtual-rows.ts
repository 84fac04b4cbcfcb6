/**
 * Windowing for long tables (the call tree of a runaway agent has thousands of calls): only the rows in view,
 * plus a margin, are in the DOM; spacers above and below keep the scrollbar true to the whole list.
 * @tanstack/react-virtual is not installed in this project, so this is the small part of it we need: rows of
 * one estimated height (measured from a rendered row), a scroll container of known height.
 */
export const VIRTUAL_FROM = 500;
export const OVERSCAN = 30;

export type RowWindow = { start: number; end: number; padTop: number; padBottom: number };

/** The rows [start, end) to render for a scroll position, and the spacer heights around them. */
export function rowWindow(count: number, scrollTop: number, viewport: number, rowPx: number, overscan = OVERSCAN): RowWindow {
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const h = Math.max(1, rowPx);
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / h)));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + Math.ceil(Math.max(viewport, h) / h) + overscan);
  return { start, end, padTop: start * h, padBottom: (count - end) * h };
}
