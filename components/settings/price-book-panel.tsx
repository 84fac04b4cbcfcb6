"use client";
import { useMemo, useState, type ChangeEvent } from "react";
import Decimal from "decimal.js";
import type { z } from "zod";
import { Card, StatusMessage } from "@/components/ui/card";
import { SortTh, useSortedRows } from "@/components/ui/sort-header";
import type { PricesResponse } from "@/lib/schemas/settings";
import { FormError } from "@/components/ui/form";
import { formatRate } from "@/lib/finops/format";
import { perMillion } from "@/lib/finops/money";
import { useImportLitellm, usePrices, useReprice } from "@/lib/hooks/use-prices";
import { PriceForm } from "./price-form";
import { RecomputeResult } from "./recompute-result";

const rate = (v: string | null, fallback: string) => (v === null ? <span className="muted" title="not set: defaults apply">= {fallback}</span> : formatRate(perMillion(v)));

type Price = z.infer<typeof PricesResponse>["prices"][number];
// Per-token rates are exact decimal strings: sorted as decimals (components/ui/sort-rows.ts).
const PRICE_COLUMNS = {
  provider: (p: Price) => p.provider,
  model: (p: Price) => p.model,
  validFrom: (p: Price) => p.validFrom,
  input: (p: Price) => new Decimal(p.inputPerToken),
  output: (p: Price) => new Decimal(p.outputPerToken),
  source: (p: Price) => p.source,
};

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
  const { sorted, sort, onSort } = useSortedRows(rows, PRICE_COLUMNS, { col: null, dir: "asc" });

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
          <div className="table-scroll">
            <table className="table compact">
              <thead>
                <tr>
                  <SortTh col="provider" sort={sort} onSort={onSort}>Provider</SortTh><SortTh col="model" sort={sort} onSort={onSort}>Model</SortTh><th>Tier</th><SortTh col="validFrom" sort={sort} onSort={onSort}>Valid from</SortTh>
                  <SortTh col="input" sort={sort} onSort={onSort} className="num">Input</SortTh><th className="num">Cache read</th><th className="num">Cache write</th><SortTh col="output" sort={sort} onSort={onSort} className="num">Output</SortTh><th className="num">Batch −</th><SortTh col="source" sort={sort} onSort={onSort}>Source</SortTh>
                </tr>
              </thead>
              <tbody>
                {sorted.map((p) => (
                  <tr key={p.id}>
                    <td>{p.provider}</td>
                    <td className="truncate" title={p.model}>{p.model}</td>
                    <td>{[p.serviceTier, p.longContextAbove ? `> ${p.longContextAbove.toLocaleString("en-US")} input` : ""].filter(Boolean).join(", ") || "standard"}</td>
                    <td>{p.validFrom.slice(0, 10)}</td>
                    <td className="num">{formatRate(perMillion(p.inputPerToken))}</td>
                    <td className="num">{rate(p.cacheReadPerToken, "input")}</td>
                    <td className="num">{rate(p.cacheWritePerToken, "input")}</td>
                    <td className="num">{formatRate(perMillion(p.outputPerToken))}</td>
                    <td className="num">{Number(p.batchDiscount) ? `${Number(p.batchDiscount) * 100}%` : "–"}</td>
                    <td className="truncate muted" title={p.source}>{p.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
