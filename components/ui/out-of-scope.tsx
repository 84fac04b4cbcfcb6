"use client";
import { StatusMessage } from "@/components/ui/card";
import { valueLabel } from "@/lib/finops/format";
import type { ViewerScope } from "@/lib/finops/scope-notice";

/**
 * An empty view filtered to teams the viewer may not see: says so (its spend may well exist) instead of
 * "nothing was billed", with a way back to the viewer's own teams. Explore and Traces.
 */
export function OutOfScope({ outside, viewer, onShowOwn }: { outside: string[]; viewer: ViewerScope; onShowOwn: () => void }) {
  return (
    <StatusMessage kind="empty" title="Outside your teams">
      <p data-testid="out-of-scope">
        {outside.map(valueLabel).join(", ")} {outside.length === 1 ? "is not one of the teams" : "are not among the teams"} you can see ({viewer.teams.length ? viewer.teams.join(", ") : "none"}), so this view shows nothing of {outside.length === 1 ? "it" : "them"}: its spend may well exist.
      </p>
      <button className="button primary" onClick={onShowOwn}>Show your teams</button>
    </StatusMessage>
  );
}
