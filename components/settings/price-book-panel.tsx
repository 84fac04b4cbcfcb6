"use client";
import { useMemo, useState, type ChangeEvent } from "react";
import type { z } from "zod";
import { Card, StatusMessage } from "@/components/ui/card";
import { columnsFor, DataTable, valueTitle } from "@/components/ui/data-table";
import type { PricesResponse } from "@/lib/schemas/settings";
import { FormError } from "@/components/ui/form";
import { formatRate } from "@/lib/finops/format";
import { perMillion } from "@/lib/finops/money";
import { useImportLitellm, usePrices, useReprice } from "@/lib/hooks/use-prices";
import { PriceForm } from "./price-form";
import { RecomputeResult } from "./recompute-result";

const rate = (v: string | null, fallback: string) => (v === null ? <span className="muted" title="not set: defaults apply">= {fallback}</span> : formatRate(perMillion(v)));

type Price = z.infer<typeof PricesResponse>["prices"][number];
const col = columnsFor<Price>();
const priceId = (p: Price) => p.id;
// Per-token rates are exact decimal strings: they sort as decimals ("decimal"), never as floats or text.
const COLUMNS = [
  col.accessor("provider", { header: "Provider", sortFn: "natural" }),
  col.accessor("model", { header: "Model", sortFn: "natural", meta: { className: "truncate", cellTitle: valueTitle } }),
  col.accessor((p) => [p.serviceTier, p.longContextAbove ? `> ${p.longContextAbove.toLocaleString("en-US")} input` : ""].filter(Boolean).join(", ") || "standard", { id: "tier", header: "Tier", enableSorting: false }),
  col.accessor((p) => p.validFrom.slice(0, 10), { id: "validFrom", header: "Valid from", sortFn: "natural" }),
  col.accessor("inputPerToken", { id: "input", header: "Input", sortFn: "decimal", meta: { className: "num" }, cell: (c) => formatRate(perMillion(c.getValue())) }),
  col.accessor("cacheReadPerToken", { header: "Cache read", enableSorting: false, meta: { className: "num" }, cell: (c) => rate(c.getValue(), "input") }),
  col.accessor("cacheWritePerToken", { header: "Write 5 min", enableSorting: false, meta: { className: "num", title: "Cache write, 5-minute TTL" }, cell: (c) => rate(c.getValue(), "input") }),
  // The 1-hour write rate (Anthropic, 2× input) prices cache_write_1h_tokens: without it here a user cannot see it.
  col.accessor("cacheWrite1hPerToken", { header: "Write 1 h", enableSorting: false, meta: { className: "num", title: "Cache write, 1-hour TTL (Anthropic: 2× input)" }, cell: (c) => rate(c.getValue(), "input") }),
  col.accessor("outputPerToken", { id: "output", header: "Output", sortFn: "decimal", meta: { className: "num" }, cell: (c) => formatRate(perMillion(c.getValue())) }),
  col.accessor("reasoningPerToken", { id: "reasoning", header: "Reasoning", enableSorting: false, meta: { className: "num" }, cell: (c) => rate(c.getValue(), "output") }),
  col.accessor("batchDiscount", { header: "Batch −", enableSorting: false, meta: { className: "num" }, cell: (c) => (Number(c.getValue()) ? `${Number(c.getValue()) * 100}%` : "–") }),
  col.accessor("source", { header: "Source", sortFn: "natural", meta: { className: "truncate muted", cellTitle: valueTitle } }),
];
// Reasoning is priced as output unless a row says otherwise: its column only appears when some row does.
const WITHOUT_REASONING = COLUMNS.filter((c) => c.id !== "reasoning");

export function PriceBookPanel({ canWrite }: { canWrite: boolean }) {
  const prices = usePrices();
  const importer = useImportLitellm();
  const reprice = useReprice();
  const [filter, setFilter] = useState("");
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const [importError, setImportError] = useState<Error | null>(null);
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (prices.data?.prices ?? []).filter((p) => !q || `${p.provider} ${p.model}`.toLowerCase().includes(q));
  }, [prices.data, filter]);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    setImportError(null);
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      await importer.mutateAsync({ litellm: JSON.parse(await file.text()), validFrom });
    } catch (err) {
      setImportError(err instanceof SyntaxError ? new Error(`${file.name} is not valid JSON: ${err.message}`) : (err as Error));
    }
    e.target.value = "";
  }

  return (
    <div className="stack">
      <Card title="Price book" subtitle="USD per million tokens; effective-dated: the row in force at an event's time prices it.">
        <div className="toolbar">
          <input type="search" placeholder="Filter by provider or model" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter prices" />
          <span className="muted">{rows.length} rows</span>
        </div>
        {prices.isPending ? (
          <StatusMessage kind="loading" title="Loading prices…" />
        ) : prices.error ? (
          <StatusMessage kind="error" title="Could not load prices">{prices.error.message}</StatusMessage>
        ) : rows.length === 0 ? (
          <StatusMessage kind="empty" title={filter ? "No price matches the filter" : "The price book is empty"}>Add a price below or import LiteLLM's price file.</StatusMessage>
        ) : (
          <DataTable data={rows} columns={rows.some((r) => r.reasoningPerToken !== null) ? COLUMNS : WITHOUT_REASONING} getRowId={priceId} className="table compact" scroll />
        )}
      </Card>
      {canWrite && (
      <>
      <Card title="Add or correct a price" subtitle="A new valid-from date adds a price change; the same date corrects that row.">
        <PriceForm />
      </Card>
      <Card title="Import LiteLLM prices" subtitle="model_prices_and_context_window.json; rows identical to the price in force are skipped.">
        <div className="toolbar">
          <label className="field inline">
            <span className="field-label">Valid from</span>
            <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
          </label>
          <label className="button">
            {importer.isPending ? "Importing…" : "Choose JSON file…"}
            <input type="file" accept="application/json,.json" onChange={onFile} hidden />
          </label>
          {importer.data && (
            <span role="status">
              {importer.data.created} new, {importer.data.updated} replaced, {importer.data.unchanged} unchanged, {importer.data.skipped ?? 0} skipped
            </span>
          )}
        </div>
        <FormError error={importError} />
      </Card>
      <Card title="Reprice open periods" subtitle="Stored events keep the cost computed at ingest until you reprice. Closed periods never change.">
        <div className="toolbar">
          <button className="button" disabled={reprice.isPending} onClick={() => confirm("Reprice every event of open periods with the current price book?") && reprice.mutate()}>
            {reprice.isPending ? "Repricing…" : "Reprice open periods"}
          </button>
          {reprice.data && <RecomputeResult result={reprice.data} verb="repriced" />}
        </div>
        <FormError error={reprice.error} />
      </Card>
      </>
      )}
    </div>
  );
}
