/** Grey placeholders in the shape of what is loading, so the page does not jump when data arrives. */
export function Skeleton({ kind, rows = 6 }: { kind: "chart" | "table"; rows?: number }) {
  if (kind === "chart") return <div className="skeleton skeleton-chart" role="status" aria-label="Loading chart" />;
  return (
    <div role="status" aria-label="Loading table" className="skeleton-table">
      {Array.from({ length: rows }, (_, i) => <div key={i} className="skeleton skeleton-row" />)}
    </div>
  );
}
