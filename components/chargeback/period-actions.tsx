"use client";
import { useState } from "react";
import { FormError } from "@/components/ui/form";
import { useClosePeriod, useReopenPeriod } from "@/lib/hooks/use-chargeback";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";

/** Close (finance, admin) or reopen (admin) the period, and the downloads. */
export function PeriodActions({ report: r, canClose, isAdmin }: { report: ChargebackReportOut; canClose: boolean; isAdmin: boolean }) {
  const close = useClosePeriod();
  const reopen = useReopenPeriod();
  const [confirming, setConfirming] = useState(false);
  const href = (format: string) => `/api/v1/chargeback/export?${new URLSearchParams({ period: r.period, format, attribution: r.attribution })}`;
  return (
    <div className="stack">
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <a className="button small" href={href("csv")} download>Download CSV</a>
        <a className="button small" href={href("focus")} download>FOCUS CSV</a>
        <a className="button small" href={href("pdf")} download>PDF report</a>
        {r.status === "open" && canClose && !confirming && (
          <button type="button" className="button small primary" onClick={() => setConfirming(true)}>Close period…</button>
        )}
        {r.status === "closed" && isAdmin && (
          <button type="button" className="button small" disabled={reopen.isPending} onClick={() => { const reason = window.prompt(`Reopen ${r.label}? Say why (recorded in the audit log):`); if (reason !== null) reopen.mutate({ period: r.period, reason }); }}>
            Reopen period
          </button>
        )}
      </div>
      {confirming && (
        <div className="notice" role="dialog" aria-label="Close period">
          <p style={{ margin: "0 0 0.5rem" }}>
            Closing freezes these lines ({r.teams.length} teams, total {r.total_usd} USD) for good. Later events for {r.label} will appear as adjustments in the next open period.
          </p>
          <div className="toolbar" style={{ marginBottom: 0 }}>
            <button type="button" className="button small primary" disabled={close.isPending} onClick={() => close.mutate(r.period, { onSuccess: () => setConfirming(false) })}>
              {close.isPending ? "Closing…" : `Close ${r.label}`}
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      )}
      <FormError error={close.error ?? reopen.error} />
    </div>
  );
}
