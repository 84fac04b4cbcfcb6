import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits, takeToken } from "@/lib/ingest/rate-limit";

beforeEach(() => resetRateLimits());

describe("takeToken", () => {
  it("allows a burst of a tenth of the minute's allowance, then refuses with the wait until the next token", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 6; i++) expect(takeToken("k", 60, t0)).toEqual({ ok: true }); // capacity max(5, 6) = 6
    expect(takeToken("k", 60, t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(takeToken("k", 60, t0 + 1000)).toEqual({ ok: true }); // one token a second
    expect(takeToken("other", 60, t0)).toEqual({ ok: true }); // per key
  });
  it("says how long to wait at slow rates", () => {
    const t0 = 0;
    for (let i = 0; i < 5; i++) takeToken("slow", 6, t0);
    expect(takeToken("slow", 6, t0)).toEqual({ ok: false, retryAfterSeconds: 10 });
  });
});

describe("takeToken on shared buckets (the server's decision worker and main thread)", () => {
  it("keeps the same allowance arithmetic", async () => {
    const { shareRateLimits } = await import("@/lib/ingest/rate-limit");
    const buffer = shareRateLimits();
    expect(shareRateLimits(buffer)).toBe(buffer); // idempotent
    resetRateLimits();
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 6; i++) expect(takeToken("k", 60, t0)).toEqual({ ok: true });
    expect(takeToken("k", 60, t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(takeToken("k", 60, t0 + 1000)).toEqual({ ok: true });
    expect(takeToken("other", 60, t0)).toEqual({ ok: true });
    expect(new Float64Array(buffer).some((v) => v !== 0)).toBe(true); // the state is in the shared memory
  });
});
