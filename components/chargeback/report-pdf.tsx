import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { FullReport } from "@/lib/finops/chargeback";
import { formatUsd, teamLabel } from "@/lib/finops/format";

/**
 * The printable chargeback report (server-side, @react-pdf/renderer with the built-in Helvetica): organisation,
 * period, status, rule, totals, a bar chart of team totals, the per-team table, the pool's makeup, the
 * adjustment lines, and for a closed period who closed it, when, and the SHA-256 of the frozen report.
 * Amounts are the report's own cents: the table adds up to the total printed above it.
 */
const s = StyleSheet.create({
  page: { padding: 32, fontSize: 9, fontFamily: "Helvetica", color: "#111827" },
  h1: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  muted: { color: "#6b7280" },
  row: { flexDirection: "row" },
  kpis: { flexDirection: "row", marginVertical: 10, gap: 8 },
  kpi: { flexGrow: 1, border: "1pt solid #e5e7eb", borderRadius: 4, padding: 6 },
  kpiValue: { fontSize: 13, fontFamily: "Helvetica-Bold", marginTop: 2 },
  h2: { fontSize: 11, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  th: { flexDirection: "row", borderBottom: "1pt solid #9ca3af", paddingBottom: 3, fontFamily: "Helvetica-Bold" },
  tr: { flexDirection: "row", borderBottom: "0.5pt solid #e5e7eb", paddingVertical: 3 },
  total: { flexDirection: "row", borderTop: "1pt solid #111827", paddingVertical: 3, fontFamily: "Helvetica-Bold" },
  name: { width: "28%" },
  num: { width: "14.4%", textAlign: "right" },
  barRow: { flexDirection: "row", alignItems: "center", marginBottom: 3 },
  barLabel: { width: "22%" },
  barTrack: { width: "60%", height: 9, backgroundColor: "#f3f4f6" },
  bar: { height: 9, backgroundColor: "#4f46e5" },
  barValue: { width: "18%", textAlign: "right" },
  footer: { position: "absolute", bottom: 20, left: 32, right: 32, fontSize: 7, color: "#6b7280" },
});

// The one money rule of the pages (lib/finops/format.ts), so the PDF reads like the screen.
const usd = formatUsd;
const pct = (share: string) => `${(Number(share) * 100).toFixed(1)}%`;

export function ChargebackReportPdf({ report: r, organisation, generatedAt }: { report: FullReport; organisation: string; generatedAt: Date }) {
  const word = r.wording === "showback" ? "Showback" : "Chargeback";
  const max = Math.max(...r.teams.map((t) => Number(t.total_usd)), 0);
  const poolLabel = (p: FullReport["pool"][number]) => (p.kind === "unattributed" ? "Unattributed spend" : p.kind === "eval" ? `Evaluation spend (${p.name})` : `${p.kind === "shared_team" ? "Shared team" : "Shared service"} ${p.name}`);
  return (
    <Document title={`${word} ${r.label}`} author="TokenLedger">
      <Page size="A4" orientation="landscape" style={s.page}>
        <Text style={s.h1}>
          {word} report — {r.label}
        </Text>
        <Text style={s.muted}>
          {organisation} · {r.from} to {r.to} (exclusive), {r.time_zone} · {r.status === "closed" ? "CLOSED" : "OPEN (figures may still change)"} · rule: {r.rule_note} · traced calls by {r.attribution === "executed" ? "executing" : "originating"} team
        </Text>
        <View style={s.kpis}>
          {[
            ["Total", r.total_usd],
            ["Spend in period", r.spend_usd],
            ["Shared pool allocated", r.pool_usd],
            ["Adjustments", r.adjustments_usd],
          ].map(([label, v]) => (
            <View key={label} style={s.kpi}>
              <Text style={s.muted}>{label}</Text>
              <Text style={s.kpiValue}>{usd(v)}</Text>
            </View>
          ))}
        </View>
        <Text style={s.h2}>Total per team</Text>
        {r.teams.map((t) => (
          <View key={t.team} style={s.barRow}>
            <Text style={s.barLabel}>{teamLabel(t.team)}</Text>
            <View style={s.barTrack}>
              <View style={[s.bar, { width: `${max > 0 ? Math.max(0, (Number(t.total_usd) / max) * 100) : 0}%` }]} />
            </View>
            <Text style={s.barValue}>{usd(t.total_usd)}</Text>
          </View>
        ))}
        <Text style={s.h2}>Lines</Text>
        <View style={s.th}>
          <Text style={s.name}>Team</Text>
          {["Direct", "Allocated", "Adjustments", "Total", "Share"].map((h) => (
            <Text key={h} style={s.num}>
              {h}
            </Text>
          ))}
        </View>
        {r.teams.map((t) => (
          <View key={t.team} style={s.tr} wrap={false}>
            <Text style={s.name}>{teamLabel(t.team)}</Text>
            <Text style={s.num}>{usd(t.direct_usd)}</Text>
            <Text style={s.num}>{usd(t.allocated_usd)}</Text>
            <Text style={s.num}>{usd(t.adjustments_usd)}</Text>
            <Text style={s.num}>{usd(t.total_usd)}</Text>
            <Text style={s.num}>{pct(t.share)}</Text>
          </View>
        ))}
        <View style={s.total}>
          <Text style={s.name}>Total</Text>
          <Text style={s.num}>{usd(sumCents(r.teams.map((t) => t.direct_usd)))}</Text>
          <Text style={s.num}>{usd(sumCents(r.teams.map((t) => t.allocated_usd)))}</Text>
          <Text style={s.num}>{usd(r.adjustments_usd)}</Text>
          <Text style={s.num}>{usd(r.total_usd)}</Text>
          <Text style={s.num}>{r.teams.length ? "100.0%" : ""}</Text>
        </View>
        {r.pool.length > 0 && (
          <>
            <Text style={s.h2}>Shared pool ({usd(r.pool_usd)})</Text>
            {r.pool.map((p) => (
              <Text key={`${p.kind}:${p.name}`}>
                {poolLabel(p)}: {usd(p.amount_usd)}
              </Text>
            ))}
          </>
        )}
        {r.adjustments.length > 0 && (
          <>
            <Text style={s.h2}>Adjustments</Text>
            {r.adjustments.map((a, i) => (
              <Text key={i} wrap={false}>
                {a.team || "(unallocated)"} · {a.source_period} · {usd(a.amount_usd)} · {a.reason}
              </Text>
            ))}
          </>
        )}
        <View style={s.footer} fixed>
          <Text>
            {r.closed ? `Closed by ${r.closed.by} at ${r.closed.at}. SHA-256 of the frozen report: ${r.closed.hash}${r.closed.verified ? " (verified)" : " (DOES NOT VERIFY)"}` : "Open period: not frozen."} Generated {generatedAt.toISOString()}.
          </Text>
        </View>
      </Page>
    </Document>
  );
}

/** Sum of cent strings without floats (integers of cents). */
function sumCents(values: string[]): string {
  let cents = BigInt(0);
  for (const v of values) {
    const neg = v.startsWith("-");
    const [i, f = "00"] = v.replace("-", "").split(".");
    const c = BigInt(i) * BigInt(100) + BigInt(f.padEnd(2, "0").slice(0, 2));
    cents += neg ? -c : c;
  }
  const neg = cents < BigInt(0);
  const abs = neg ? -cents : cents;
  return `${neg ? "-" : ""}${abs / BigInt(100)}.${String(abs % BigInt(100)).padStart(2, "0")}`;
}

/** The PDF bytes of a report (server only). */
export async function renderChargebackPdf(report: FullReport, organisation = "TokenLedger", generatedAt = new Date()): Promise<Buffer> {
  const { renderToBuffer } = await import("@react-pdf/renderer");
  return renderToBuffer(<ChargebackReportPdf report={report} organisation={organisation} generatedAt={generatedAt} />);
}
