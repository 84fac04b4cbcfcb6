import { Money } from "@/lib/finops/money";
import { formatInt, formatUsdFine, teamLabel } from "@/lib/finops/format";
import type { TeamCost } from "@/lib/schemas/trace";

const share = (part: string, total: string) => (new Money(total).isZero() ? "–" : `${new Money(part).div(total).times(100).toFixed(1)}%`);

/** One attribution of a trace's cost: a line per team, and the total the lines add up to. */
export function TeamCostTable({ rows, total, testId }: { rows: TeamCost[]; total: string; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="table compact team-cost" data-testid={testId}>
        <thead>
          <tr>
            <th>Team</th>
            <th className="num">Spend</th>
            <th className="num">Share</th>
            <th className="num">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.team}>
              <td className="truncate" title={teamLabel(r.team)}>{teamLabel(r.team)}</td>
              <td className="num" title={r.cost_usd}>{formatUsdFine(r.cost_usd)}</td>
              <td className="num">{share(r.cost_usd, total)}</td>
              <td className="num">{formatInt(r.attempts)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num" title={total}>{formatUsdFine(total)}</td>
            <td className="num">{rows.length ? "100.0%" : "–"}</td>
            <td className="num">{formatInt(rows.reduce((n, r) => n + r.attempts, 0))}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
