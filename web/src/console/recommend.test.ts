import { describe, expect, it } from "vitest";
import { formatEta, recommendationsHtml, type Recommendations } from "./recommend";

describe("formatEta", () => {
  it("writes minutes and zero-padded seconds", () => {
    expect(formatEta(115.2)).toBe("1:55");
    expect(formatEta(59.6)).toBe("1:00");
    expect(formatEta(3600)).toBe("60:00");
    expect(formatEta(-3)).toBe("0:00");
  });
});

describe("recommendationsHtml", () => {
  it("says when the server cannot rank by road", () => {
    expect(recommendationsHtml(null)).toContain("unavailable");
  });

  it("says when no suitable unit can reach the place", () => {
    const rec: Recommendations = { incidentId: 1, suitableKinds: ["Fire"], candidateUnits: 0, unitsOffRoad: 0, units: [] };
    expect(recommendationsHtml(rec)).toContain("No available Fire unit");
  });

  it("lists units in the server's order with ETA, road distance and a dispatch button, escaping names", () => {
    const rec: Recommendations = {
      incidentId: 1, suitableKinds: ["Fire"], candidateUnits: 2, unitsOffRoad: 0,
      units: [
        { rank: 1, unit: { id: "fire-3", callSign: "ENGINE-3", kind: "Fire" }, etaSeconds: 115, distanceMeters: 1784, route: { type: "LineString", coordinates: [] } },
        { rank: 2, unit: { id: "fire-<1>", callSign: "<b>E1</b>", kind: "Fire" }, etaSeconds: 200, distanceMeters: 2500, route: { type: "LineString", coordinates: [] } },
      ],
    };
    const html = recommendationsHtml(rec);
    expect(html.indexOf("ENGINE-3")).toBeLessThan(html.indexOf("E1"));
    expect(html).toContain("ETA <strong>1:55</strong>");
    expect(html).toContain("1.8 km by road");
    expect(html).toContain('data-send="fire-3"');
    expect(html).not.toContain("<b>E1</b>");
  });
});
