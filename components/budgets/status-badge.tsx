const LABEL: Record<string, [string, string]> = {
  on_track: ["On track", "ok"],
  warning: ["Warning", "warn"],
  at_risk: ["Projected over", "bad"],
  over: ["Over budget", "bad"],
  not_started: ["Not started", ""],
  ended: ["Ended", ""],
};

export function StatusBadge({ status }: { status: string }) {
  const [label, cls] = LABEL[status] ?? [status, ""];
  return <span className={`badge ${cls}`}>{label}</span>;
}
