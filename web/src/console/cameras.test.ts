import { describe, expect, it } from "vitest";
import { cameraEventText, cameraSummary, trackColour, type Camera, type CameraEvent } from "./cameras";

const event = (over: Partial<CameraEvent>): CameraEvent => ({
  kind: "Running",
  ruleId: "run",
  time: "2026-01-01T00:00:01Z",
  since: "2026-01-01T00:00:00Z",
  class: "Person",
  value: 4.96,
  direction: 0,
  alarmed: true,
  ...over,
});

describe("cameraEventText", () => {
  it("words a running event with class, local track number, zone and speed", () => {
    expect(cameraEventText(event({ trackId: 7, zoneId: "plaza" }))).toBe("running: person #7 in plaza (5 m/s)");
  });

  it("words a crowd event without a track and a line crossing by direction", () => {
    expect(cameraEventText(event({ kind: "Crowd", value: 12, zoneId: "square" }))).toBe("crowd: persons in square (12)");
    expect(cameraEventText(event({ kind: "LineCrossing", trackId: 3, direction: -1 }))).toBe("line crossing: person #3 (←)");
    expect(cameraEventText(event({ kind: "AbandonedObject", class: "Suitcase", trackId: 2, value: 61.04 }))).toBe("abandoned object: suitcase #2 (61 s)");
  });
});

describe("cameraSummary", () => {
  it("counts cameras, zones that reach the map, and tracks", () => {
    const cams: Camera[] = [
      { id: "a", name: "A", location: { lat: 0, lon: 0 }, configured: true, calibrated: true, ruleCount: 1, zones: [{ id: "z", ring: [[0, 0], [0, 1], [1, 1]] }, { id: "sky", ring: [] }] },
      { id: "b", name: "B", location: { lat: 0, lon: 0 }, configured: false, calibrated: false, ruleCount: 0, zones: [] },
    ];
    expect(cameraSummary(cams, 1)).toBe("2 cameras · 1 zone · 1 track");
  });
});

describe("trackColour", () => {
  it("tells people from carried objects", () => {
    expect(trackColour("Person")).not.toBe(trackColour("Suitcase"));
  });
});
