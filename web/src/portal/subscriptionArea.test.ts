import { describe, expect, it } from "vitest";
import { subscriptionArea } from "./subscriptionArea";

describe("subscriptionArea", () => {
  it("subscribes a point alone when the distance is zero, and a circle otherwise", () => {
    expect(subscriptionArea("point", { lat: 45.1234567, lng: -122.7654321 }, 0, [])).toEqual({ point: { lat: 45.123457, lon: -122.765432 } });
    expect(subscriptionArea("point", { lat: 45, lng: -122 }, 2, [])).toEqual({ point: { lat: 45, lon: -122 }, radiusKm: 2 });
  });

  it("explains what is missing instead of sending a request the server would refuse", () => {
    expect(subscriptionArea("point", undefined, 1, [])).toMatch(/Tap the map/);
    expect(subscriptionArea("point", { lat: 45, lng: -122 }, 80, [])).toMatch(/50 km/);
    expect(subscriptionArea("polygon", undefined, 0, [{ lat: 1, lng: 2 }, { lat: 1, lng: 3 }])).toMatch(/2 so far/);
  });

  it("sends a drawn area's corners as lat/lon pairs, leaving the ring open for the server to close", () => {
    const corners = [{ lat: 1, lng: 2 }, { lat: 1, lng: 3 }, { lat: 2, lng: 3 }];
    expect(subscriptionArea("polygon", undefined, 0, corners)).toEqual({ polygon: [{ lat: 1, lon: 2 }, { lat: 1, lon: 3 }, { lat: 2, lon: 3 }] });
  });
});
