"use client";
import { Card, StatusMessage } from "@/components/ui/card";
import { useAudit } from "@/lib/hooks/use-ownership";

const pretty = (json: string | null) => {
  if (!json) return "";
  try {
    return JSON.stringify(JSON.parse(json), null, 1);
  } catch {
    return json;
  }
};

export function AuditPanel() {
  const audit = useAudit();
  return (
    <Card title="Audit log" subtitle="Every change to prices, ownership rules, ingest keys, API tokens, users and teams, and every reprice or re-apply, with before and after values. Latest 50.">
      {audit.isPending ? (
        <StatusMessage kind="loading" title="Loading…" />
      ) : audit.error ? (
        <StatusMessage kind="error" title="Could not load the audit log">{audit.error.message}</StatusMessage>
      ) : audit.data.entries.length === 0 ? (
        <StatusMessage kind="empty" title="Nothing has been changed yet" />
      ) : (
        <div className="table-scroll">
          <table className="table compact">
            <thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Before</th><th>After</th></tr></thead>
            <tbody>
              {audit.data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.at.slice(0, 19).replace("T", " ")}</td>
                  <td className="truncate" title={e.actor}>{e.actor}</td>
                  <td><code>{e.action}</code></td>
                  <td><pre className="json">{pretty(e.before)}</pre></td>
                  <td><pre className="json">{pretty(e.after)}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
