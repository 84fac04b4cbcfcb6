"use client";
import Link from "next/link";
import { ChangeWaterfall } from "@/components/charts/change-waterfall";
import { Card, StatusMessage } from "@/components/ui/card";
import { contributorHref, waterfallSteps, type ChangeScope } from "@/lib/finops/change-links";
import { formatDayRange, formatUsd, formatUsdSigned } from "@/lib/finops/format";
import { keyLabel } from "@/lib/finops/overview-links";
import { Money } from "@/lib/finops/money";
import { useChange } from "@/lib/hooks/use-change";
import type { ChangeContributor, ChangeDriver, ChangeResponse } from "@/lib/schemas/change";
import "./why-changed.css";

const SHOWN = 3;
// Changes carry their sign, a true minus for decreases (formatUsdSigned), as everywhere else.
const signed = formatUsdSigned;
const changeClass = (amount: string) => {
  const v = new Money(amount);
  return v.isZero() ? "change-neutral" : v.isPos() ? "change-bad" : "change-good";
};

function Contributor({ scope, answer, c }: { scope: ChangeScope; answer: ChangeResponse; c: ChangeContributor }) {
  const label = keyLabel(c.dimension, c.value);
  return (
    <li data-testid="contributor">
      <span className="muted">{c.dimension}</span>
      <Link href={contributorHref(scope, answer, c.dimension, c.value)} title={`${c.dimension} ${label}: open in Explore, compared with the baseline`}>{label}</Link>
      <span className={changeClass(c.amount_usd)}>{signed(c.amount_usd)}</span>
      <span className="muted">({(c.share * 100).toFixed(0)}%)</span>
    </li>
  );
}

function DriverRow({ scope, answer, d }: { scope: ChangeScope; answer: ChangeResponse; d: ChangeDriver }) {
  const first = d.contributors.slice(0, SHOWN);
  const rest = d.contributors.slice(SHOWN);
  return (
    <tr data-testid={`driver-${d.id}`} data-amount={d.amount_usd}>
      <td><span className="driver-name" title={d.definition}>{d.label}</span></td>
      <td className={`num ${changeClass(d.amount_usd)}`} title={`${d.amount_usd} USD`}>{signed(d.amount_usd)}</td>
      <td className="contributors">
        {d.contributors.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <>
            <ul className="contributor-list">{first.map((c) => <Contributor key={`${c.dimension}:${c.value}`} scope={scope} answer={answer} c={c} />)}</ul>
            {rest.length > 0 && (
              <details className="contributor-more">
                <summary>{rest.length} more</summary>
                <ul className="contributor-list">{rest.map((c) => <Contributor key={`${c.dimension}:${c.value}`} scope={scope} answer={answer} c={c} />)}</ul>
              </details>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * "Why did spend change?": the waterfall from the baseline's spend through each driver to the current spend,
 * and each driver's carriers (team, repo, feature, model, customer), each a link into Explore's compare mode.
 */
export function WhyChanged({ scope, title = "Why did spend change?" }: { scope: ChangeScope; title?: string }) {
  const { data, error, isPending, isPlaceholderData, refetch } = useChange(scope);
  return (
    <Card title={title} subtitle="Each driver's amount, exactly; hover a name for its definition." className={isPlaceholderData ? "is-refreshing why-changed" : "why-changed"}>
      {isPending ? (
        <StatusMessage kind="loading" title="Working out the drivers…" />
      ) : error ? (
        <StatusMessage kind="error" title="Could not explain the change">
          {error.message} <button type="button" className="button small" onClick={() => refetch()}>Try again</button>
        </StatusMessage>
      ) : new Money(data.baseline.cost_usd).isZero() && new Money(data.current.cost_usd).isZero() ? (
        <StatusMessage kind="empty" title="No spend in either period">
          Nothing was billed from {formatDayRange(data.baseline.from, data.baseline.to)} or from {formatDayRange(data.current.from, data.current.to)} in this scope.
        </StatusMessage>
      ) : new Money(data.baseline.cost_usd).isZero() ? (
        // Against an empty baseline (before the data starts) every dollar is new: a "+$5,111.45" change all
        // carried by "volume" would read as growth. Say so instead.
        <StatusMessage kind="empty" title="New: nothing to compare with">
          <span data-testid="why-new">
            Nothing was billed from {formatDayRange(data.baseline.from, data.baseline.to)} in this scope, so the {formatUsd(data.current.cost_usd)} from {formatDayRange(data.current.from, data.current.to)} is all new: there is no change to split into drivers. Pick a period with spend before it to see why spend changed.
          </span>
        </StatusMessage>
      ) : (
        <div data-testid="why-changed">
          <p className="why-summary">
            <span className="muted" data-testid="why-periods">
              {formatDayRange(data.baseline.from, data.baseline.to)} → {formatDayRange(data.current.from, data.current.to)} · {data.baseline.label}{data.baseline.until ? " (baseline cut at the same hour as now)" : ""}
              {/* The previous answer stays on screen while the new period loads: say so, or its periods and drivers read as the new one's. */}
              {isPlaceholderData && <span className="updating" data-testid="why-updating"> · updating…</span>}
            </span>
            <span><span data-testid="why-baseline" data-amount={data.baseline.cost_usd}>{formatUsd(data.baseline.cost_usd)}</span> → <span data-testid="why-current" data-amount={data.current.cost_usd}>{formatUsd(data.current.cost_usd)}</span></span>
            <strong className={changeClass(data.change_usd)} data-testid="why-change" data-amount={data.change_usd}>{signed(data.change_usd)}</strong>
          </p>
          <ChangeWaterfall steps={waterfallSteps(data)} title={`Waterfall from ${formatUsd(data.baseline.cost_usd)} (baseline ${data.baseline.label.replace(/^vs /, "")}${data.baseline.until ? ", cut at the same hour" : ""}) to ${formatUsd(data.current.cost_usd)}`} />
          <div className="table-scroll">
            <table className="table compact driver-table">
              <thead>
                <tr><th scope="col">Driver</th><th scope="col" className="num">Amount</th><th scope="col">Carried by</th></tr>
              </thead>
              <tbody>
                {data.drivers.map((d) => <DriverRow key={d.id} scope={scope} answer={data} d={d} />)}
                <tr data-testid="driver-residual" data-amount={data.residual_usd}>
                  <td><span className="driver-name" title="What the method leaves unexplained: shown, never hidden (0 with this exact method, up to arithmetic far below a nano-dollar).">Residual</span></td>
                  <td className="num">{signed(data.residual_usd)}</td>
                  <td className="contributors"><span className="muted">—</span></td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted why-method">
            Shapley split of a per-model cost identity (requests × model mix × attempts per request × tokens × cache, reasoning and cancellation shares × price): the
            drivers add up to the change exactly. A model&apos;s amount is its part of the driver; a team&apos;s, repo&apos;s, feature&apos;s or customer&apos;s is the driver within that slice alone, so their shares need not sum to 100%.
          </p>
        </div>
      )}
    </Card>
  );
}
