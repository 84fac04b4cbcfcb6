"use client";
import { useState, type FormEvent } from "react";
import { Field, FormError } from "@/components/ui/form";
import { perToken } from "@/lib/finops/money";
import { useSavePrice } from "@/lib/hooks/use-prices";

const RATES = [
  ["input", "Input", true],
  ["cacheRead", "Cache read", false],
  ["cacheWrite", "Cache write (5 min)", false],
  ["cacheWrite1h", "Cache write (1 h)", false],
  ["output", "Output", true],
  ["reasoning", "Reasoning", false],
] as const;

export type PricePrefill = { provider?: string; model?: string };

/** Adds a price row, or corrects the row with the same key and date. Rates are entered per million tokens. */
export function PriceForm({ prefill, onDone }: { prefill?: PricePrefill; onDone?: () => void }) {
  const save = useSavePrice();
  const [saved, setSaved] = useState<string | null>(null);
  const [localError, setLocalError] = useState<Error | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setLocalError(null);
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const rate = (k: string) => {
      const v = get(k);
      if (v === "") return "";
      if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`${k}: "${v}" is not a non-negative number`);
      return perToken(v);
    };
    try {
      const body = {
        provider: get("provider"),
        model: get("model"),
        serviceTier: get("serviceTier"),
        longContextAbove: get("longContextAbove") || "0",
        validFrom: get("validFrom"),
        inputPerToken: rate("input"),
        cacheReadPerToken: rate("cacheRead"),
        cacheWritePerToken: rate("cacheWrite"),
        cacheWrite1hPerToken: rate("cacheWrite1h"),
        outputPerToken: rate("output"),
        reasoningPerToken: rate("reasoning"),
        batchDiscount: get("batchDiscount") || "0",
        source: get("source"),
      };
      const r = await save.mutateAsync(body);
      setSaved(r.unchanged ? "No change: the same rates are already in force." : r.updated ? "Price corrected." : "Price added.");
      onDone?.();
    } catch (err) {
      setLocalError(err as Error);
    }
  }
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Add or correct a price">
      <Field label="Provider"><input name="provider" required defaultValue={prefill?.provider} placeholder="openai" /></Field>
      <Field label="Model"><input name="model" required defaultValue={prefill?.model} placeholder="gpt-4.1" /></Field>
      <Field label="Valid from" hint="UTC date the price takes effect"><input name="validFrom" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} /></Field>
      <Field label="Service tier" hint="empty = standard"><input name="serviceTier" placeholder="flex, priority…" /></Field>
      <Field label="Long context above" hint="input tokens; 0 = base rates"><input name="longContextAbove" inputMode="numeric" defaultValue="0" /></Field>
      {RATES.map(([name, label, required]) => (
        <Field key={name} label={`${label}, $ / 1M tokens`} hint={required ? undefined : name === "reasoning" ? "empty = output price" : "empty = input price"}>
          <input name={name} inputMode="decimal" required={required} />
        </Field>
      ))}
      <Field label="Batch discount" hint="fraction, e.g. 0.5"><input name="batchDiscount" inputMode="decimal" defaultValue="0" /></Field>
      <Field label="Source" hint="where this price comes from"><input name="source" placeholder="vendor pricing page, date" /></Field>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save price"}</button>
        {saved && <span className="muted" role="status">{saved} Stored events keep their cost until you reprice open periods.</span>}
      </div>
      <FormError error={localError} />
    </form>
  );
}
