import { describe, expect, it } from "vitest";
import { patrolLoops, renderPatrolTable, type PatrolPlan } from "./patrolPlan";

const plan: PatrolPlan = {
  category: "burglary",
  distanceModel: "straight-line distance at 25 km/h (not road network)",
  budgetMinutes: 60,
  units: 3,
  candidateCells: 12,
  coveredShare: 0.5,
  routes: [
    { unit: 1, loopMinutes: 20, stops: [{ lat: 1, lon: 2, cell: 5 }, { lat: 3, lon: 4, cell: 6 }] },
    { unit: 2, loopMinutes: 0, stops: [{ lat: 5, lon: 6, cell: 7 }] },
  ],
  districts: [
    { district: "North <b>", patrolTimeShare: 0.8, flaggedAreaShare: 0.5, incidentShare: 0.3 },
    { district: "South", patrolTimeShare: 0.2, flaggedAreaShare: 0.5, incidentShare: 0.7 },
  ],
};

describe("patrolLoops", () => {
  it("closes each loop back at its first stop and leaves a single stop alone", () => {
    expect(patrolLoops(plan)).toEqual([
      { unit: 1, points: [[1, 2], [3, 4], [1, 2]], byRoad: false, first: [1, 2] },
      { unit: 2, points: [[5, 6]], byRoad: false, first: [5, 6] },
    ]);
  });

  it("follows the road line, turned from [lon, lat] to [lat, lon], when the plan was made by road", () => {
    const byRoad: PatrolPlan = {
      ...plan,
      travelModel: "road",
      routes: [{ unit: 1, loopMinutes: 9, stops: [{ lat: 1, lon: 2, cell: 5 }, { lat: 3, lon: 4, cell: 6 }], road: { type: "LineString", coordinates: [[2, 1], [2.5, 1], [4, 3], [2, 1]] } }],
    };
    expect(patrolLoops(byRoad)).toEqual([{ unit: 1, points: [[1, 2], [1, 2.5], [3, 4], [1, 2]], byRoad: true, first: [1, 2] }]);
  });
});

describe("renderPatrolTable", () => {
  it("lists each district's patrol time share, escapes names and highlights over-patrolled districts", () => {
    const html = renderPatrolTable(plan);
    expect(html).toContain("North &lt;b&gt;");
    expect(html).toContain("80.0");
    expect(html).toContain("straight-line");
    expect(html.match(/class="over"/g)).toHaveLength(1);
  });
});
