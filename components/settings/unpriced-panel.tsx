"use client";
import { useMemo, useState } from "react";
import type { z } from "zod";
import { columnsFor, DataTable, valueTitle, withActions } from "@/components/ui/data-table";
import type { UnpricedResponse } from "@/lib/schemas/settings";
import { Card, StatusMessage } from "@/components/ui/card";
import { formatInt } from "@/lib/finops/format";
import { useUnpriced } from "@/lib/hooks/use-prices";
import { PriceForm, type PricePrefill } from "./price-form";

type Model = z.infer<typeof UnpricedResponse>["models"][number];
const col = columnsFor<Model>();
const modelId = (m: Model) => `${m.provider}/${m.model}`;
const BASE_COLUMNS = [
  col.accessor("provider", { header: "Provider", sortFn: "natural" }),
  col.accessor("model", { header: "Model", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
  col.accessor("events", { header: "Events", sortFn: "basic", meta: { className: "num" }, cell: (c) => formatInt(c.getValue()) }),
  col.accessor((m) => m.first_seen.slice(0, 16), { id: "first_seen", header: "First seen (UTC)", sortFn: "natural" }),
  col.accessor((m) => m.last_seen.slice(0, 16), { id: "last_seen", header: "Last seen (UTC)", sortFn: "natural" }),
];

export function UnpricedPanel({ canWrite }: { canWrite: boolean }) {
  const unpriced = useUnpriced();
  const [prefill, setPrefill] = useState<PricePrefill | null>(null);
  const columns = useMemo(
    () => withActions(BASE_COLUMNS, (m) => canWrite && <button className="button small" onClick={() => setPrefill({ provider: m.provider, model: m.model })}>Add price</button>),
    [canWrite],
  );
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
          <DataTable data={unpriced.data.models} columns={columns} getRowId={modelId} />
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
