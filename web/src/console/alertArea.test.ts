import { describe, expect, it } from "vitest";
import { areaProblem, areaRequest, distanceKm, fromCap } from "./alertArea";

describe("alert areas", () => {
  it("reads CAP polygons and circles back, dropping the closing corner", () => {
    expect(fromCap(["52.37,4.88 52.38,4.9 52.36,4.92 52.37,4.88"], [])).toEqual({
      kind: "polygon",
      corners: [{ lat: 52.37, lon: 4.88 }, { lat: 52.38, lon: 4.9 }, { lat: 52.36, lon: 4.92 }],
    });
    expect(fromCap([], ["45.5,-122.6 2.5"])).toEqual({ kind: "circle", centre: { lat: 45.5, lon: -122.6 }, radiusKm: 2.5 });
    expect(fromCap(["52.37;4.88"], [])).toBeUndefined();
    expect(fromCap([], [])).toBeUndefined();
  });

  it("round-trips a drawn area into the request the API takes", () => {
    expect(areaRequest("Harbour", { kind: "circle", centre: { lat: 1.23456789, lon: 2 }, radiusKm: 0.12345 })).toEqual({
      description: "Harbour",
      circle: { lat: 1.234568, lon: 2, radiusKm: 0.123 },
    });
    expect(areaRequest("Park", { kind: "polygon", corners: [{ lat: 1, lon: 2 }, { lat: 1, lon: 3 }, { lat: 2, lon: 3 }] }).polygon).toHaveLength(3);
  });

  it("says what is missing before the server has to", () => {
    expect(areaProblem(undefined)).toMatch(/Draw/);
    expect(areaProblem({ kind: "polygon", corners: [{ lat: 1, lon: 2 }, { lat: 1, lon: 2 }, { lat: 1, lon: 3 }] })).toMatch(/2 so far/);
    expect(areaProblem({ kind: "circle", centre: { lat: 0, lon: 0 }, radiusKm: 0 })).toMatch(/radius/);
    expect(areaProblem({ kind: "circle", centre: { lat: 0, lon: 0 }, radiusKm: 3 })).toBeUndefined();
  });

  it("measures a circle's radius on the sphere: one degree of latitude is about 111.2 km", () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 2);
  });
});
