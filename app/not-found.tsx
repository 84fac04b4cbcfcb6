import Link from "next/link";
import { connection } from "next/server";

/**
 * Any unknown address: say so in the product's own look, with the way back. Rendered per request (not
 * prerendered), so Next puts this request's CSP nonce on its scripts; a static 404 would carry none and
 * every script on it would be blocked.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="not-found" id="main">
      <p className="brand-line"><span className="brand-mark" aria-hidden>◆</span> TokenLedger</p>
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address. It may have moved, or the link may be incomplete.</p>
      <p><Link className="button" href="/overview">Go to the overview</Link></p>
    </main>
  );
}
