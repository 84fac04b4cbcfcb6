import Link from "next/link";
import { describeKind, describeOutliers, KIND_LABEL, formatMetric } from "@/lib/alerts/describe";
import { siblingExploreLink } from "@/lib/alerts/links";
import { formatUtcMinute } from "@/lib/finops/format";

type A = {
  metric: string; grain: string; scopeType: string; scopeValue: string; windowStart: string; windowEnd: string; peakValue: number; peakExpected: number;
  incidentKind: "level_shift" | "spike" | ""; shiftAt: string | null; levelBefore: number | null; levelAfter: number | null;
  outliers: { dimension: string; values: string[] } | null;
};

/**
 * What kind of incident (augurs' changepoint detector: a level shift from what to what since when, or a spike)
 * and which sibling scopes are off (augurs' MAD outlier detector), each sibling one click from Explore.
 * Annotations for the reader: they never decide whether the alert fires.
 */
export function AlertAnnotations({ alert: a }: { alert: A }) {
  const kind = describeKind(a);
  const off = describeOutliers(a.outliers);
  if (!kind && !a.outliers) return null;
  const label = off.slice(0, off.indexOf(":"));
  return (
    <ul className="alert-notes">
      {kind && (
        <li data-testid="incident-kind">
          <span className={`badge badge-kind-${a.incidentKind}`}>{KIND_LABEL[a.incidentKind]}</span>
          <span>
            {a.incidentKind === "level_shift" && a.levelBefore !== null && a.levelAfter !== null && a.shiftAt
              ? <>From <strong>{formatMetric(a.metric, a.levelBefore)}</strong> to <strong>{formatMetric(a.metric, a.levelAfter)}</strong> since {formatUtcMinute(a.shiftAt)} UTC, held through the alert's last anomalous {a.grain}</>
              : <>Peak <strong>{formatMetric(a.metric, a.peakValue)}</strong> against <strong>{formatMetric(a.metric, a.peakExpected)}</strong> expected; no sustained shift</>}
          </span>
        </li>
      )}
      {a.outliers && (
        <li data-testid="outlying-siblings">
          {off ? (
            <>
              <span className="muted">{label}:</span>
              {a.outliers.values.map((v, i) => (
                <span key={v}><Link href={siblingExploreLink(a, a.outliers!.dimension, v)}>{v}</Link>{i < a.outliers!.values.length - 1 ? "," : ""}</span>
              ))}
            </>
          ) : (
            <span className="muted">No {a.outliers.dimension === "customer" ? "customer" : a.outliers.dimension} stands out from its siblings in this window.</span>
          )}
        </li>
      )}
    </ul>
  );
}
