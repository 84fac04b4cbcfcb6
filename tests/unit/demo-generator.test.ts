import { describe, expect, it } from "vitest";
import { generateDemoEvents } from "@/lib/demo/generate";
import { UsageEventInput } from "@/lib/schemas/event";

const opts = { seed: 7, days: 5, end: new Date("2026-06-15T18:00:00Z") };

describe("generateDemoEvents", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateDemoEvents(opts)).toEqual(generateDemoEvents(opts));
    expect(generateDemoEvents({ ...opts, seed: 8 })).not.toEqual(generateDemoEvents(opts));
  });
  it("produces only valid events inside the window, with unique ids", () => {
    const events = generateDemoEvents(opts);
    expect(events.length).toBeGreaterThan(1000);
    for (const e of events) expect(UsageEventInput.safeParse(e).success).toBe(true);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    const times = events.map((e) => Date.parse(String(e.timestamp)));
    expect(Math.max(...times)).toBeLessThanOrEqual(opts.end.getTime() + 10_000);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse("2026-06-11T00:00:00Z"));
  });
});
