"use client";
import { useState } from "react";
import { ignoredParams } from "@/lib/finops/url-notices";

/**
 * The address parameters a page could not apply. A page writes its own (default) view into the address right
 * after loading (so a copied link reproduces it), which removes a bad value from the address before anyone
 * reads the notice: `?from=garbage&group_by=nonsense` became the defaults without a word. So the list seen at
 * load is kept for as long as the page still shows that view, and goes once the person changes the view.
 */
export function useIgnoredParams(given: { toString(): string }, used: URLSearchParams): string[] {
  const usedKey = used.toString();
  const [atLoad] = useState(() => ({ list: ignoredParams(new URLSearchParams(given.toString()), used), usedKey }));
  const now = ignoredParams(new URLSearchParams(given.toString()), used);
  if (now.length > 0) return now;
  return atLoad.usedKey === usedKey ? atLoad.list : [];
}

/** A notice naming the address parameters a page could not apply (lib/finops/url-notices.ts). */
export function IgnoredParams({ list }: { list: readonly string[] }) {
  if (list.length === 0) return null;
  return (
    <p className="notice" role="status" data-testid="ignored-params">
      Not applied from the address (not understood here, or out of range): {list.map((p, i) => <span key={p}>{i > 0 && ", "}<code>{p}</code></span>)}.
    </p>
  );
}
