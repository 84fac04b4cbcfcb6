"use client";
import { Fragment, useState } from "react";
import type { ChargebackReportOut } from "@/lib/schemas/chargeback";
import { formatUsd, formatUsdSigned, teamLabel, valueLabel } from "@/lib/finops/format";
import { exploreHref } from "@/lib/finops/overview-links";
import { Money } from "@/lib/finops/money";

type Report = ChargebackReportOut;
const DIMS = ["repo", "feature", "model", "environment"] as const;
// Shares and the previous month as on every other page: "31.3%", "vs Sep 2026" (not "31.3 %", "vs 2026-09").
const pct = (share: string) => `${new Money(share).times(100).toFixed(1)}%`;
const monthName = (key: string) => new Date(`${key}-01T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/**
 * One row per team (direct, allocated, adjustments, total, share, change against the previous period), then
 * the total row: the rows add up to it to the cent. A row expands to the team's direct cost by repo, feature,
 * model and environment, each a link into Explore filtered to the team (and that value).
 */
export function TeamLines({ report: r }: { report: Report }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (team: string) => setOpen((s) => (s.has(team) ? new Set([...s].filter((t) => t !== team)) : new Set([...s, team])));
  // Nothing charged this period: a share of $0.00 is no share at all ("—"), and the total row is not "100 %".
  const empty = new Money(r.total_usd).isZero();
  const sum = (pick: (t: Report["teams"][number]) => string) => r.teams.reduce((a, t) => a.plus(pick(t)), new Money(0)).toFixed(2);
  const link = (team: string, dim?: (typeof DIMS)[number], value?: string) =>
    exploreHref({ from: r.from, to: r.to, tz: r.time_zone, groupBy: dim === "repo" ? "feature" : "repo", filters: { team, ...(dim ? { [dim]: value } : {}) } });
  return (
    <div className="table-scroll">
      <table className="table cb-table" data-testid="team-lines">
        <thead>
          <tr>
            <th>Team</th>
            <th className="num">Direct</th>
            <th className="num">Allocated</th>
            <th className="num">Adjustments</th>
            <th className="num">Total</th>
            <th className="num cb-hide-sm">Share</th>
            <th className="num cb-hide-sm">vs {r.previous ? monthName(r.previous.period) : "previous"}</th>
          </tr>
        </thead>
        <tbody>
          {r.teams.map((t) => (
            <Fragment key={t.team}>
              <tr data-team={t.team}>
                <td>
                  <span className="cb-team">
                    <button type="button" aria-expanded={open.has(t.team)} aria-label={`${open.has(t.team) ? "Collapse" : "Expand"} ${teamLabel(t.team)}`} onClick={() => toggle(t.team)}>
                      {open.has(t.team) ? "▾" : "▸"}
                    </button>
                    {/* One name per team on every page (its slug, as Overview, Explore and Traces show it); the display name on hover. */}
                    <span className="truncate" title={t.team && t.name !== t.team ? `${t.name} (${t.team})` : teamLabel(t.team)}>{teamLabel(t.team)}</span>
                  </span>
                </td>
                <td className="num">{formatUsd(t.direct_usd)}</td>
                <td className="num">{formatUsd(t.allocated_usd)}</td>
                <td className="num">{new Money(t.adjustments_usd).isZero() ? "—" : formatUsdSigned(t.adjustments_usd)}</td>
                <td className="num" data-testid="line-total">{formatUsd(t.total_usd)}</td>
                <td className="num cb-hide-sm">{empty ? "—" : pct(t.share)}</td>
                <td className="num cb-hide-sm">{t.change_usd === null ? "—" : formatUsdSigned(t.change_usd)}</td>
              </tr>
              {open.has(t.team) && (
                <tr className="cb-detail">
                  <td colSpan={7}>
                    {t.team === "" ? (
                      <p className="muted">Shared cost that no team could receive (no team is eligible under this rule).</p>
                    ) : (
                      <>
                        <div className="cb-breakdown">
                          {DIMS.map((dim) => (
                            <div key={dim}>
                              <h3>{dim}</h3>
                              {t.breakdown[dim].length === 0 ? (
                                <p className="muted">No direct cost.</p>
                              ) : (
                                <ul>
                                  {t.breakdown[dim].slice(0, 8).map((b) => (
                                    <li key={b.key}>
                                      <a href={link(t.team, dim, b.key)} title={valueLabel(b.key)}>{valueLabel(b.key)}</a>
                                      <span>{formatUsd(b.amount_usd)}</span>
                                    </li>
                                  ))}
                                  {t.breakdown[dim].length > 8 && <li className="muted">+ {t.breakdown[dim].length - 8} more</li>}
                                </ul>
                              )}
                            </div>
                          ))}
                        </div>
                        <div className="cb-links">
                          <a href={link(t.team)}>Open {teamLabel(t.team)} in Explore</a>
                          <a href={`/api/v1/chargeback/export?${new URLSearchParams({ period: r.period, format: "csv", attribution: r.attribution, team: t.team })}`} download>
                            {teamLabel(t.team)} CSV
                          </a>
                        </div>
                      </>
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
          <tr className="cb-total">
            <td>Total</td>
            <td className="num">{formatUsd(sum((t) => t.direct_usd))}</td>
            <td className="num">{formatUsd(sum((t) => t.allocated_usd))}</td>
            <td className="num">{formatUsdSigned(r.adjustments_usd)}</td>
            <td className="num" data-testid="report-total">{formatUsd(r.total_usd)}</td>
            <td className="num cb-hide-sm">{r.teams.length && !empty ? "100.0%" : "—"}</td>
            <td className="num cb-hide-sm">{r.previous ? formatUsdSigned(new Money(r.total_usd).minus(r.previous.total_usd).toFixed(2)) : "—"}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
