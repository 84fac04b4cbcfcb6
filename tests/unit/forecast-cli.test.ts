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
