import { describe, expect, it } from "vitest";
import { guardTourRequest, renderGuardTours, tourLines, type GuardTourPlan } from "./guardTours";

const plan: GuardTourPlan = {
  mode: "drive",
  travelModel: "straight line",
  travel: "drive, timed in straight lines: straight-line distance at 25 km/h (no road network loaded)",
  guards: 2,
  shiftMinutes: 60,
  start: { lat: 10, lon: 20 },
  checkpoints: 3,
  planned: 2,
  tours: [
    {
      guard: 1,
      minutes: 30,
      travelMinutes: 20,
      dwellMinutes: 10,
      stops: [
        { checkpoint: 0, name: "Gate <A>", lat: 11, lon: 21, priority: 3, arriveMinute: 5, dwellMinutes: 5 },
        { checkpoint: 2, name: "Car park", lat: 12, lon: 22, priority: 1, arriveMinute: 15, dwellMinutes: 5 },
      ],
    },
  ],
  leftOut: [{ checkpoint: 1, name: "Far shed", reason: "over-budget", detail: "Takes 80.0 min." }],
};

describe("tourLines", () => {
  it("closes a straight-line tour at the start", () => {
    expect(tourLines(plan)).toEqual([{ guard: 1, points: [[10, 20], [11, 21], [12, 22], [10, 20]], byRoad: false }]);
  });

  it("follows the road line when there is one", () => {
    const byRoad = { ...plan, tours: [{ ...plan.tours[0]!, route: { type: "LineString", coordinates: [[20, 10], [21, 11], [20, 10]] } }] };
    expect(tourLines(byRoad)).toEqual([{ guard: 1, points: [[10, 20], [11, 21], [10, 20]], byRoad: true }]);
  });
});

describe("renderGuardTours", () => {
  it("lists stops in order with arrival minutes, escapes names, and says why checkpoints were left out", () => {
    const html = renderGuardTours(plan);
    expect(html).toContain("Gate &lt;A&gt;");
    expect(html.indexOf("Gate")).toBeLessThan(html.indexOf("Car park"));
    expect(html).toContain("+15 min");
    expect(html).toContain("P3");
    expect(html).toContain("too far for the shift");
    expect(html).toContain("2 of 3 checkpoints");
  });
});

describe("guardTourRequest", () => {
  const start = { lat: 1, lon: 2 };
  it("sends the travel mode chosen", () => {
    expect(guardTourRequest([], start, 2, 60, "walk").travel).toBe("walk");
    expect(guardTourRequest([], start, 2, 60, "drive").travel).toBe("drive");
  });

  it("leaves travel out when none is chosen, for the server to decide", () => {
    expect("travel" in guardTourRequest([], start, 2, 60, "")).toBe(false);
    expect("travel" in guardTourRequest([], start, 2, 60, "fly")).toBe(false);
  });
});
