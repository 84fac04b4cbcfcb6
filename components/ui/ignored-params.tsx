/** A notice naming the address parameters a page could not apply (lib/finops/url-notices.ts). */
export function IgnoredParams({ list }: { list: readonly string[] }) {
  if (list.length === 0) return null;
  return (
    <p className="notice" role="status" data-testid="ignored-params">
      Not applied from the address (not understood here, or out of range): {list.map((p, i) => <span key={p}>{i > 0 && ", "}<code>{p}</code></span>)}.
    </p>
  );
}
