"use client";
import { useSearchParams } from "next/navigation";
import { useQueryStates } from "nuqs";
import { IgnoredParams, useIgnoredParams } from "@/components/ui/ignored-params";
import { Card, StatusMessage } from "@/components/ui/card";
import { chargebackHref, chargebackParsers } from "@/lib/finops/chargeback-state";
import { formatDayRange, formatUsd, formatUsdSigned, formatUtcMinute } from "@/lib/finops/format";
import { useChargebackReport } from "@/lib/hooks/use-chargeback";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";
import { PeriodActions } from "./period-actions";
import { RuleControl } from "./rule-control";
import { TeamLines } from "./team-lines";
import "./chargeback.css";

const shiftMonth = (key: string, n: number) => {
  const [y, m] = key.split("-").map(Number);
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};
const POOL_LABEL: Record<ChargebackReportOut["pool"][number]["kind"], string> = { unattributed: "Unattributed spend", shared_team: "Shared platform team", shared_service: "Shared platform service", eval: "Evaluation spend" };

/** The Chargeback page: a month (URL ?period=YYYY-MM), who pays for traced calls, the lines, the pool, the adjustments. */
export function ChargebackPanel({ defaultPeriod, canClose, isAdmin }: { defaultPeriod: string; canClose: boolean; isAdmin: boolean }) {
  // The page's parsers (lib/finops/chargeback-state.ts) read the address and write it back.
  const [values, setValues] = useQueryStates(chargebackParsers, { history: "replace", scroll: false });
  const period = values.period ?? defaultPeriod;
  const attribution = values.attribution ?? "executed";
  // ?period=2026-13 or a misspelt name: say it was not applied, as every page does.
  const ignored = useIgnoredParams(useSearchParams(), new URLSearchParams(chargebackHref({ period, attribution }).split("?")[1]));
  const q = useChargebackReport({ period, attribution });
  const go = (patch: Partial<typeof values>) => void setValues({ period, attribution, ...patch });
  const r = q.data;
  const word = r?.wording === "showback" ? "Showback" : "Chargeback";

  return (
    <>
      <IgnoredParams list={ignored} />
      <Card>
        <div className="cb-toolbar">
          <div className="segmented" role="group" aria-label="Month">
            <button type="button" className="button small" aria-label="Previous month" onClick={() => go({ period: shiftMonth(period, -1) })}>‹</button>
            <input type="month" aria-label="Month" className="button small" value={period} onChange={(e) => e.target.value && go({ period: e.target.value })} />
            <button type="button" className="button small" aria-label="Next month" onClick={() => go({ period: shiftMonth(period, 1) })}>›</button>
          </div>
          <div className="segmented" role="group" aria-label="Traced calls charged to">
            <button type="button" className="button small" aria-pressed={attribution === "executed"} onClick={() => go({ attribution: "executed" })}>Executing team</button>
            <button type="button" className="button small" aria-pressed={attribution === "originated"} onClick={() => go({ attribution: "originated" })}>Originating team</button>
          </div>
          {r && r.period === period && <RuleControl key={`${r.period}-${r.rule}`} report={r} canWrite={canClose} />}
        </div>
        {r && (
          <p className="cb-status muted" data-testid="period-status" aria-live="polite">
            <span className={`badge ${r.status === "closed" ? "badge-closed" : "badge-open"}`}>{r.status === "closed" ? "Closed" : "Open"}</span>
            <span>{word} · {r.label} · {formatDayRange(r.from, r.to)} ({r.time_zone})</span>
            <span>Rule: {r.rule_note}</span>
            {q.isFetching && <span className="updating">updating…</span>}
          </p>
        )}
        {r?.closed && (
          <p className="cb-hash" data-testid="closed-hash">
            Closed by {r.closed.by} on {formatUtcMinute(r.closed.at)} UTC · SHA-256 {r.closed.hash}{" "}
            <span className={`badge ${r.closed.verified ? "badge-closed" : "badge-bad"}`}>{r.closed.verified ? "verified" : "does not verify"}</span>
          </p>
        )}
      </Card>

      {q.isPending ? (
        <StatusMessage kind="loading" title="Computing the report…" />
      ) : q.error ? (
        <StatusMessage kind="error" title="Could not load the report">{q.error.message}</StatusMessage>
      ) : (
        r && (
          <>
            <div className="kpis">
              <Figure label="Total" value={formatUsd(r.total_usd)} testId="kpi-total" hint="Σ of every team line: spend in the period plus adjustments." />
              <Figure label="Spend in period" value={formatUsd(r.spend_usd)} hint={`Exactly ${r.spend_exact_usd} USD before rounding to cents.`} />
              <Figure label="Shared pool" value={formatUsd(r.pool_usd)} hint="Unattributed spend and shared-platform spend, allocated to the teams." />
              <Figure label="Adjustments" value={formatUsdSigned(r.adjustments_usd)} hint="Corrections to closed periods (late events, reprices, rule changes)." />
            </div>
            <Card title="Teams" subtitle={`Traced calls charged to the ${attribution === "executed" ? "team that executed them" : "team whose root request originated them"}. Lines add up to the total to the cent.`}>
              {r.teams.length === 0 ? <StatusMessage kind="empty" title={`No spend in ${r.label}`}>Pick another month, or send events for this one.</StatusMessage> : <TeamLines report={r} />}
              <div style={{ marginTop: "0.75rem" }}>
                <PeriodActions report={r} canClose={canClose} isAdmin={isAdmin} />
              </div>
            </Card>
            <div className="two-col">
              <Card title="Shared pool" subtitle={`${formatUsd(r.pool_usd)} distributed by: ${r.rule_note}`}>
                {r.pool.length === 0 ? (
                  <p className="muted">Nothing to share this period.</p>
                ) : (
                  <ul className="cb-list" data-testid="pool">
                    {r.pool.map((p) => (
                      <li key={`${p.kind}:${p.name}`}>
                        <span className="truncate">{POOL_LABEL[p.kind]}{p.name ? `: ${p.name}` : ""}</span>
                        <strong>{formatUsd(p.amount_usd)}</strong>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              <Card title="Adjustments" subtitle="Changes to closed periods, charged here instead of rewriting them.">
                {r.adjustments.length === 0 ? (
                  <p className="muted">None.</p>
                ) : (
                  <ul className="cb-list" data-testid="adjustments">
                    {r.adjustments.map((a, i) => (
                      <li key={i}>
                        <span>
                          <strong>{a.team || "Unallocated"}</strong> · for {a.source_period} ({formatDayRange(a.source_from, a.source_to)})<br />
                          <span className="muted">{a.reason}</span>
                        </span>
                        <strong>{formatUsdSigned(a.amount_usd)}</strong>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </div>
          </>
        )
      )}
    </>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint: string; testId?: string }) {
  return (
    <Card>
      <div className="kpi-label" title={hint}>{label}</div>
      <div className="kpi-value" data-testid={testId}>{value}</div>
    </Card>
  );
}
