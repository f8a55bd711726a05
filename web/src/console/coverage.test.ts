import { describe, expect, it } from "vitest";
import { bandColour, coverageSummary } from "./coverage";

describe("coverageSummary", () => {
  it("gives one line per agency with bands in increasing time", () => {
    const lines = coverageSummary([
      { agency: "fire", stations: 4, withinSeconds: 480, reachableMeters: 390_000, totalMeters: 412_000, share: 0.9466 },
      { agency: "ems", stations: 3, withinSeconds: 240, reachableMeters: 100_000, totalMeters: 412_000, share: 0.2427 },
      { agency: "fire", stations: 4, withinSeconds: 240, reachableMeters: 250_000, totalMeters: 412_000, share: 0.6068 },
    ]);
    expect(lines).toEqual(["ems: 4 min 24% of 412 km", "fire: 4 min 61%, 8 min 95% of 412 km"]);
  });
});

describe("bandColour", () => {
  it("draws the four-minute band darker than the eight-minute band", () => {
    expect(bandColour(240)).not.toBe(bandColour(480));
  });
});
