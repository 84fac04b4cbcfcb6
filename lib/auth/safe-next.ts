/**
 * Where to go after sign-in: only a path on this site. Backslashes and control characters are refused
 * because browsers read "/\\evil.com" (or a tab inside "//") as another origin.
 */
export function safeNext(next: string | undefined | null): string {
  const fallback = "/overview";
  if (!next || !next.startsWith("/") || next.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  const base = "http://tokenledger.invalid";
  const url = new URL(next, base);
  return url.origin === base ? url.pathname + url.search : fallback;
}
