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
