import Link from "next/link";

/** Any unknown address: say so in the product's own look, with the way back. */
export default function NotFound() {
  return (
    <main className="not-found" id="main">
      <p className="brand-line"><span className="brand-mark" aria-hidden>◆</span> TokenLedger</p>
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address. It may have moved, or the link may be incomplete.</p>
      <p><Link className="button" href="/overview">Go to the overview</Link></p>
    </main>
  );
}
