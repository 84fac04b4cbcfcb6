import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { useTempStore } from "../setup/temp-store";

/**
 * The sign-in limit per client address counts the socket's peer (passed by bin/serve.ts), never an
 * X-Forwarded-For the client wrote; behind proxies named in TOKENLEDGER_TRUSTED_PROXIES, the proxies' record.
 */
const store = useTempStore();
process.env.TOKENLEDGER_PEER_HEADER = "on";
const { POST } = await import("@/app/api/v1/auth/login/route");
const { loginLimiter, loginIpLimiter, LOGIN_MAX_FAILURES_PER_IP } = await import("@/lib/auth/login");
const { clientAddress, parseTrustedProxies, PEER_HEADER } = await import("@/lib/auth/client-address");
const { parseEnv } = await import("@/lib/env");

afterAll(() => store.cleanup());
beforeEach(() => {
  loginLimiter.reset();
  loginIpLimiter.reset();
});

const attempt = (i: number, headers: Record<string, string>) =>
  POST(new Request("http://t/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email: `nobody${i}@example.com`, password: "wrong password!!" }) }));

describe("sign-in failures per address", () => {
  it("a client rotating X-Forwarded-For is still one address (its socket's)", async () => {
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_MAX_FAILURES_PER_IP; i++) codes.push((await attempt(i, { [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(codes.slice(0, LOGIN_MAX_FAILURES_PER_IP).every((c) => c === 401)).toBe(true);
    expect(codes[LOGIN_MAX_FAILURES_PER_IP]).toBe(429);
    // Another peer is not affected.
    expect((await attempt(999, { [PEER_HEADER]: "203.0.113.10" })).status).toBe(401);
  }, 120_000);
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from an untrusted peer", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", [])).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4", [])).toBe("203.0.113.9");
    expect(clientAddress(null, "1.2.3.4", [])).toBeNull();
  });
  it("behind trusted proxies takes the last hop they did not add, so a forged first hop does not count", () => {
    const trusted = parseTrustedProxies("10.0.0.5, 172.16.0.0/12");
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddress("172.20.1.1", "198.51.100.7, 10.0.0.5", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", "not-an-ip", trusted)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.6", "198.51.100.7", trusted)).toBe("10.0.0.6");
  });
  it("the setting names bad entries at start", () => {
    expect(() => parseEnv({ TOKENLEDGER_TRUSTED_PROXIES: "10.0.0.5, proxy.local" })).toThrow(/TOKENLEDGER_TRUSTED_PROXIES.*proxy\.local/s);
    expect(parseEnv({ TOKENLEDGER_TRUSTED_PROXIES: "10.0.0.0/8,::1" }).TOKENLEDGER_TRUSTED_PROXIES).toBe("10.0.0.0/8,::1");
  });
});
