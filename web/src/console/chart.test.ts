import { describe, expect, it } from "vitest";
import { expectedBand } from "./chart";

describe("expectedBand", () => {
  it("spans the chart with the learned low and high", () => {
    expect(expectedBand({ learned: true, expectedLow: 2, expectedHigh: 9 }, 3)).toEqual({ low: [2, 2, 2], high: [9, 9, 9] });
  });

  it("is absent while the detector is still learning or the answer lacks a bound", () => {
    expect(expectedBand({ learned: false }, 3)).toBeUndefined();
    expect(expectedBand({ learned: true, expectedLow: 1 }, 3)).toBeUndefined();
    expect(expectedBand(undefined, 3)).toBeUndefined();
  });
});
