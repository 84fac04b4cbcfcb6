const monthLabel = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, "0")}`;

export function RecomputeResult({ result, verb }: { result: { months: number[]; skippedClosed: number[]; rows: number; changed: number }; verb: string }) {
  return (
    <span role="status">
      {result.changed.toLocaleString("en-US")} of {result.rows.toLocaleString("en-US")} events {verb} in {result.months.length ? result.months.map(monthLabel).join(", ") : "no open month"}
      {result.skippedClosed.length > 0 && <> (closed, untouched: {result.skippedClosed.map(monthLabel).join(", ")})</>}.
    </span>
  );
}
