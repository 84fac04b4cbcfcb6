import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { forecastCsv, inferFrequency } from "@/lib/cli/forecast-command";

const daily = (n: number) => ["timestamp,value", ...Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2026, 0, 1 + i)).toISOString()},${i % 7 >= 5 ? 5 : 20 + (i % 7)}`)].join("\n");

describe("forecast CLI", () => {
  it("infers hourly or daily from the timestamps, refuses other spacings", () => {
    expect(inferFrequency([0, 3_600_000, 7_200_000])).toBe("hourly");
    expect(inferFrequency([0, 86_400_000, 2 * 86_400_000])).toBe("daily");
    expect(() => inferFrequency([0, 60_000, 120_000])).toThrow(/1 minutes apart/);
  });

  it("reads an hourly CSV (space-separated timestamps, UTC) as hourly and forecasts its daily cycle", () => {
    const rows = Array.from({ length: 24 * 10 }, (_, i) => {
      const t = new Date(Date.UTC(2026, 2, 1, i));
      return `${t.toISOString().slice(0, 19).replace("T", " ")},${(100 + 50 * Math.sin((2 * Math.PI * i) / 24)).toFixed(3)}`;
    });
    const out = forecastCsv(["timestamp,value", ...rows].join("\n"), { horizon: 24 });
    expect(out.frequency).toBe("hourly");
    expect(out.point).toHaveLength(24);
    out.point.forEach((p, j) => expect(Math.abs(p - (100 + 50 * Math.sin((2 * Math.PI * (240 + j)) / 24)))).toBeLessThan(5));
  });

  it("reads local midnights across a daylight-saving change as daily, without a gap", () => {
    // Europe/Berlin midnights: +01:00 until 2026-03-29, +02:00 after; one day is 23 hours long.
    const rows = Array.from({ length: 40 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 2, 5 + i));
      const offset = d < new Date(Date.UTC(2026, 2, 29)) ? "+01:00" : "+02:00";
      return `${d.toISOString().slice(0, 10)}T00:00:00${offset},${10 + (i % 7)}`;
    });
    const out = forecastCsv(["timestamp,value", ...rows].join("\n"), { horizon: 7 });
    expect(out.frequency).toBe("daily");
    // 40 days in, no zero-filled gap day: the forecast keeps the weekly pattern (10..16), never a 0 day.
    expect(Math.min(...out.point)).toBeGreaterThan(8);
  });

  it("fills a missing hour with 0 (no spend) rather than shifting the series", () => {
    const rows = Array.from({ length: 24 * 6 }, (_, i) => i).filter((i) => i !== 100).map((i) => `${new Date(Date.UTC(2026, 0, 1, i)).toISOString()},${5 + (i % 24)}`);
    const out = forecastCsv(["timestamp,value", ...rows].join("\n"), { horizon: 24 });
    expect(out.frequency).toBe("hourly");
    // Were the series shifted by the gap, the forecast would be off by one hour everywhere.
    out.point.forEach((p, j) => expect(Math.abs(p - (5 + ((144 + j) % 24)))).toBeLessThan(3));
  });

  it("prints one entry per future step in each array", () => {
    const out = forecastCsv(daily(60), { horizon: 10 });
    expect(out.frequency).toBe("daily");
    for (const k of ["point", "lower80", "upper80", "lower95", "upper95"] as const) expect(out[k]).toHaveLength(10);
    expect(typeof out.model).toBe("string");
  });

  it("names the bad row or option", () => {
    expect(() => forecastCsv("timestamp,value\n2026-01-01T00:00:00Z,1\n2026-01-02T00:00:00Z,x", { horizon: 2 })).toThrow('row 3: value "x" is not a number');
    expect(() => forecastCsv("a,b\n1,2\n3,4", { horizon: 2 })).toThrow("header timestamp,value");
    expect(() => forecastCsv(daily(10), { horizon: 0 })).toThrow("--horizon");
  });

  it("runs as `npm run cli -- forecast` reading stdin, with no store", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "bin/cli.ts", "forecast", "--horizon", "3"], { input: daily(40), env: { ...process.env, TOKENLEDGER_DATA_DIR: "/nonexistent-dir-forecast" } }).toString();
    const json = JSON.parse(out) as { point: number[]; lower80: number[] };
    expect(json.point).toHaveLength(3);
    expect(json.lower80[0]).toBeLessThanOrEqual(json.point[0]);
  });
});
