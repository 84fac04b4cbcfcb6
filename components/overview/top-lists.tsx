import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatUsd } from "@/lib/finops/format";
import { keyLabel, topAllHref, topRowHref, TOP_DRILL, type TopDimension } from "@/lib/finops/overview-links";
import type { OverviewState } from "@/lib/finops/overview-state";
import { TOP_DIMENSIONS, type OverviewResponse } from "@/lib/schemas/overview";

const TITLE: Record<TopDimension, [string, string]> = {
  team: ["Top teams", "teams"],
  repo: ["Top repos", "repos"],
  feature: ["Top features", "features"],
  model: ["Top models", "models"],
  customer: ["Top customers", "customers"],
};
const sharePct = (s: number) => `${(s * 100).toFixed(1)}%`;

/** The five biggest entries of each dimension, with their share of the period's spend. */
export function TopLists({ state, top }: { state: OverviewState; top: OverviewResponse["top"] }) {
  return (
    <div className="top-grid">
      {TOP_DIMENSIONS.map((dim) => {
        const list = top[dim];
        return (
          <Card key={dim} title={TITLE[dim][0]} subtitle="share of spend" className="top-card">
            {list.entries.length === 0 ? (
              <p className="muted">None in this period.</p>
            ) : (
              <table className="table compact top-table" data-testid={`top-${dim}`}>
                <thead>
                  <tr>
                    <th scope="col">{dim}</th>
                    <th scope="col" className="num">Spend</th>
                    <th scope="col" className="share-col">Share</th>
                  </tr>
                </thead>
                <tbody>
                  {list.entries.map((e) => {
                    const label = keyLabel(dim, e.key);
                    return (
                      <tr key={e.key}>
                        <td className="truncate" title={`${e.key === "" ? `${label}: spend with no ${dim} recorded` : label}. Open in Explore, by ${TOP_DRILL[dim]}.`}>
                          <Link href={topRowHref(state, dim, e.key)} className={e.key === "" ? "muted" : undefined}>{label}</Link>
                        </td>
                        <td className="num">{formatUsd(e.cost_usd)}</td>
                        <td className="share-col">
                          <span className="share-bar" aria-hidden><span style={{ width: `${Math.min(100, Math.max(0, e.share * 100))}%` }} /></span>
                          <span className="share-text">{sharePct(e.share)}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {list.others > 0 && (
              <Link className="more-link" href={topAllHref(state, dim)} data-testid={`top-${dim}-more`}>
                +{list.others} more {TITLE[dim][1]}
              </Link>
            )}
          </Card>
        );
      })}
    </div>
  );
}
