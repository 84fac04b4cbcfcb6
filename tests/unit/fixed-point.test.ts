import { describe, expect, it } from "vitest";
import { divRoundHalfEven, formatScaled, parseScaled, toScaled } from "@/lib/finops/fixed-point";

describe("fixed point", () => {
  it("parses plain decimals into units of 10^-scale, exactly, for every fraction length", () => {
    expect(parseScaled("12.5", 9)).toBe(12_500_000_000n);
    expect(parseScaled("3", 9)).toBe(3_000_000_000n);
    expect(parseScaled("-0.000000001", 9)).toBe(-1n);
    expect(parseScaled("0.123456789", 9)).toBe(123_456_789n);
    expect(parseScaled("0.0000000001", 9)).toBeNull(); // more decimals than the scale
    expect(parseScaled("1.000000000000000000000000000000000001", 36)).toBe(10n ** 36n + 1n);
    expect(parseScaled("98765432109876543210.5", 36)).toBe(98765432109876543210n * 10n ** 36n + 5n * 10n ** 35n);
    expect(parseScaled("0", 36)).toBe(0n);
    expect(parseScaled("-7.25", 72)).toBe(-725n * 10n ** 70n);
  });

  it("takes the general path for exponents and agrees with it on plain text", () => {
    expect(parseScaled("1e-9", 9)).toBe(1n);
    expect(parseScaled("2.5E3", 2)).toBe(250_000n);
    for (const v of ["0.1", "-42.000001", "1000000", "0.000000000000000001"]) expect(parseScaled(v, 24)).toBe(toScaled(v, 24));
  });

  it("formats and rounds half to even", () => {
    expect(formatScaled(-1n, 9)).toBe("-0.000000001");
    expect(formatScaled(12_500_000_000n, 9)).toBe("12.500000000");
    expect(divRoundHalfEven(25n, 10n)).toBe(2n);
    expect(divRoundHalfEven(35n, 10n)).toBe(4n);
    expect(divRoundHalfEven(-25n, 10n)).toBe(-2n);
    expect(divRoundHalfEven(-26n, 10n)).toBe(-3n);
  });
});
