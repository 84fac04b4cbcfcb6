"use client";
import type { z } from "zod";
import { Card, StatusMessage } from "@/components/ui/card";
import { columnsFor, DataTable, valueTitle } from "@/components/ui/data-table";
import type { AuditResponse } from "@/lib/schemas/settings";
import { useAudit } from "@/lib/hooks/use-ownership";

const pretty = (json: string | null) => {
  if (!json) return "";
  try {
    return JSON.stringify(JSON.parse(json), null, 1);
  } catch {
    return json;
  }
};

type Entry = z.infer<typeof AuditResponse>["entries"][number];
const col = columnsFor<Entry>();
const entryId = (e: Entry) => e.id;
// Newest first as the API gives them; a click sorts by time, person or action.
const COLUMNS = [
  col.accessor((e) => e.at.slice(0, 19).replace("T", " "), { id: "at", header: "When (UTC)", sortFn: "natural" }),
  col.accessor("actor", { header: "Who", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
  col.accessor("action", { header: "Action", sortFn: "natural", cell: (c) => <code>{c.getValue()}</code> }),
  col.accessor("before", { header: "Before", enableSorting: false, cell: (c) => <pre className="json">{pretty(c.getValue())}</pre> }),
  col.accessor("after", { header: "After", enableSorting: false, cell: (c) => <pre className="json">{pretty(c.getValue())}</pre> }),
];

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
        <DataTable data={audit.data.entries} columns={COLUMNS} getRowId={entryId} className="table compact" scroll />
      )}
    </Card>
  );
}
