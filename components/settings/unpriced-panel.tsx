"use client";
import { useState } from "react";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatInt } from "@/lib/finops/format";
import { useUnpriced } from "@/lib/hooks/use-prices";
import { PriceForm, type PricePrefill } from "./price-form";

export function UnpricedPanel({ canWrite }: { canWrite: boolean }) {
  const unpriced = useUnpriced();
  const [prefill, setPrefill] = useState<PricePrefill | null>(null);
  return (
    <div className="stack">
      <Card title="Unpriced models" subtitle="Events whose provider and model have no price: stored and counted, costed at nothing until priced and repriced.">
        {unpriced.isPending ? (
          <StatusMessage kind="loading" title="Loading…" />
        ) : unpriced.error ? (
          <StatusMessage kind="error" title="Could not load unpriced models">{unpriced.error.message}</StatusMessage>
        ) : unpriced.data.models.length === 0 ? (
          <StatusMessage kind="empty" title="Every event has a price" />
        ) : (
          <table className="table">
            <thead><tr><th>Provider</th><th>Model</th><th className="num">Events</th><th>First seen (UTC)</th><th>Last seen (UTC)</th><th /></tr></thead>
            <tbody>
              {unpriced.data.models.map((m) => (
                <tr key={`${m.provider}/${m.model}`}>
                  <td>{m.provider}</td>
                  <td className="truncate" title={m.model}>{m.model}</td>
                  <td className="num">{formatInt(m.events)}</td>
                  <td>{m.first_seen.slice(0, 16)}</td>
                  <td>{m.last_seen.slice(0, 16)}</td>
                  <td>{canWrite && <button className="button small" onClick={() => setPrefill({ provider: m.provider, model: m.model })}>Add price</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {prefill && (
        <Card title={`Price for ${prefill.provider} / ${prefill.model}`} subtitle="Then reprice open periods (Price book tab) to cost the stored events.">
          <PriceForm key={`${prefill.provider}/${prefill.model}`} prefill={prefill} />
        </Card>
      )}
    </div>
  );
}
