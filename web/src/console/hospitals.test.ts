import { describe, expect, it } from "vitest";
import { hospitalsHtml, wantsHospitals, type HospitalRanking } from "./hospitals";

const hospital = (id: string, name: string, beds: number) => ({ id, name, edStatus: "Open", freeBeds: beds, updatedAt: "2026-01-01T00:00:00Z" });

describe("wantsHospitals", () => {
  it("asks for medical incidents and for any type EMS units answer", () => {
    expect(wantsHospitals("Medical", undefined)).toBe(true);
    expect(wantsHospitals("cardiac", ["Ems"])).toBe(true);
    expect(wantsHospitals("fire", ["Fire"])).toBe(false);
  });
});

describe("hospitalsHtml", () => {
  it("shows nothing when the server gave no ranking", () => {
    expect(hospitalsHtml(null)).toBe("");
  });

  it("lists hospitals by road with ETA and says how many were skipped, escaping names", () => {
    const ranking: HospitalRanking = {
      incidentId: 1, method: "road", registered: 4, withoutCapacity: 2, unreachable: 0,
      hospitals: [
        { rank: 1, hospital: hospital("h1", "Mater Dei", 12), distanceMeters: 2400, etaSeconds: 185, route: null },
        { rank: 2, hospital: hospital("h2", "<b>Gozo</b>", 3), distanceMeters: 9100, etaSeconds: 610, route: null },
      ],
    };
    const html = hospitalsHtml(ranking);
    expect(html.indexOf("Mater Dei")).toBeLessThan(html.indexOf("Gozo"));
    expect(html).toContain("ETA <strong>3:05</strong>");
    expect(html).toContain("2.4 km by road");
    expect(html).toContain("2 diverting, closed or full not shown");
    expect(html).not.toContain("<b>Gozo</b>");
  });

  it("labels a straight-line ranking and gives no ETA", () => {
    const ranking: HospitalRanking = {
      incidentId: 1, method: "straight-line", note: "No road network is loaded: ranked by straight-line distance, without ETA.",
      registered: 1, withoutCapacity: 0, unreachable: 0,
      hospitals: [{ rank: 1, hospital: hospital("h1", "Mater Dei", 12), distanceMeters: 1500, etaSeconds: null }],
    };
    const html = hospitalsHtml(ranking);
    expect(html).toContain("1.5 km straight line");
    expect(html).toContain("No road network is loaded");
    expect(html).not.toContain("ETA <strong>");
  });

  it("says when no hospital can take a patient", () => {
    const ranking: HospitalRanking = { incidentId: 1, method: "road", registered: 2, withoutCapacity: 2, unreachable: 0, hospitals: [] };
    expect(hospitalsHtml(ranking)).toContain("No hospital with an open ED and a free bed.");
  });
});
