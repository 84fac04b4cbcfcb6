import Link from "next/link";
import { formatUsdFine } from "@/lib/finops/format";
import { CONTEXT_DIMENSIONS, type ContextDimension } from "@/lib/finops/trace-context";
import { contextLinks } from "@/lib/finops/trace-links";
import type { TraceContext } from "@/lib/schemas/trace";
import { CopyButton } from "./copy-button";

const LABELS: Record<ContextDimension, string> = { session_id: "Session", user: "User", work_item: "Work item", pull_request: "Pull request", branch: "Branch", trigger: "Trigger" };

/** The trace's session, user, work item, pull request, branch and trigger, each linked to Explore and Traces. */
export function TraceContextList({ context, start, end }: { context: TraceContext; start: string; end: string }) {
  return (
    <dl className="trace-context" data-testid="trace-context">
      {CONTEXT_DIMENSIONS.map((dim) => (
        <div key={dim} className="trace-context-item">
          <dt>{LABELS[dim]}</dt>
          <dd>
            {context[dim].length === 0 ? (
              <span className="muted" title={`No call of this trace carries ${dim}`}>not sent</span>
            ) : (
              context[dim].map((v) => {
                const links = contextLinks(start, end, dim, v.value);
                return (
                  <span key={v.value} className="context-value">
                    <Link href={links.explore} className="truncate mono" title={`Explore ${dim} = ${v.value} on this trace's days${context[dim].length > 1 ? ` (${formatUsdFine(v.cost_usd)} of this trace)` : ""}`} data-dim={dim}>{v.value}</Link>
                    <CopyButton value={v.value} label={`Copy ${LABELS[dim].toLowerCase()}`} />
                    <Link href={links.traces} className="context-traces" title={`Traces with ${dim} = ${v.value} on this trace's days`}>traces</Link>
                  </span>
                );
              })
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
