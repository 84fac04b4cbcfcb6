import { isIP } from "node:net";

/**
 * The address a sign-in attempt comes from, for the per-address failure limit. A client can write any
 * X-Forwarded-For it likes, so the header is never believed by itself: the address is the TCP peer's (the
 * server, bin/serve.ts, passes it in the PEER_HEADER header after removing any copy the client sent), and only
 * when that peer is one of the trusted proxies (TOKENLEDGER_TRUSTED_PROXIES: IP addresses or IPv4 CIDR ranges)
 * is X-Forwarded-For read, from the right, skipping trusted hops: the first untrusted hop is the client.
 */
export const PEER_HEADER = "x-tokenledger-peer";

const normalize = (ip: string) => {
  const t = ip.trim().replace(/^\[|\]$/g, "");
  return t.toLowerCase().startsWith("::ffff:") && isIP(t.slice(7)) === 4 ? t.slice(7) : t.toLowerCase();
};

const ipv4 = (ip: string) => ip.split(".").reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;

/** Parses TOKENLEDGER_TRUSTED_PROXIES ("10.0.0.5, 10.1.0.0/16, ::1"); throws naming a bad entry. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const e of entries) {
    const [ip, bits] = e.split("/");
    const ok = bits === undefined ? isIP(normalize(ip)) !== 0 : isIP(ip) === 4 && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
    if (!ok) throw new Error(`"${e}" is not an IP address or IPv4 CIDR range`);
  }
  return entries;
}

function isTrusted(ip: string, trusted: readonly string[]): boolean {
  const a = normalize(ip);
  return trusted.some((t) => {
    const [base, bits] = t.split("/");
    if (bits === undefined) return normalize(base) === a;
    if (isIP(a) !== 4) return false;
    const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
    return (ipv4(a) & mask) === (ipv4(base) & mask);
  });
}

/** The client's address: the peer, or (behind trusted proxies) the last untrusted X-Forwarded-For hop. */
export function clientAddress(peer: string | null, forwardedFor: string | null, trusted: readonly string[]): string | null {
  if (!peer) return null;
  if (!isTrusted(peer, trusted)) return normalize(peer);
  const hops = (forwardedFor ?? "").split(",").map((h) => h.trim()).filter((h) => isIP(normalize(h)) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i], trusted)) return normalize(hops[i]);
  return normalize(hops[0] ?? peer);
}
