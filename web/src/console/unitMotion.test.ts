import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { glideDuration, interpolate, UnitMotion, type LatLon } from "./unitMotion";

describe("interpolate", () => {
  it("runs from the first fix to the second and stops there", () => {
    const a = { lat: 44, lon: 11 };
    const b = { lat: 45, lon: 13 };
    expect(interpolate(a, b, 0.25)).toEqual({ lat: 44.25, lon: 11.5 });
    expect(interpolate(a, b, 3)).toEqual(b);
    expect(interpolate(a, b, -1)).toEqual(a);
  });
});

describe("glideDuration", () => {
  it("is the gap between fixes, kept within half a second and ten seconds", () => {
    expect(glideDuration("2026-01-01T00:00:00Z", "2026-01-01T00:00:02Z")).toBe(2000);
    expect(glideDuration("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.1Z")).toBe(500);
    expect(glideDuration("2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z")).toBe(10_000);
  });

  it("is zero for the first fix or one out of order", () => {
    expect(glideDuration(undefined, "2026-01-01T00:00:02Z")).toBe(0);
    expect(glideDuration("2026-01-01T00:00:02Z", "2026-01-01T00:00:01Z")).toBe(0);
  });
});

describe("UnitMotion", () => {
  let clock = 0;
  beforeEach(() => {
    clock = 0;
    vi.stubGlobal("requestAnimationFrame", () => 1);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("places the marker part-way along while gliding and at the fix when done", () => {
    const placed: Array<[string, LatLon]> = [];
    const motion = new UnitMotion((id, at) => placed.push([id, at]), () => clock);
    motion.move("E-1", { lat: 0, lon: 0 }, { lat: 1, lon: 2 }, 1000);
    clock = 500;
    motion.step();
    expect(placed.at(-1)).toEqual(["E-1", { lat: 0.5, lon: 1 }]);
    expect(motion.current("E-1")).toEqual({ lat: 0.5, lon: 1 });
    clock = 1200;
    motion.step();
    expect(placed.at(-1)).toEqual(["E-1", { lat: 1, lon: 2 }]);
    expect(motion.current("E-1")).toBeUndefined();
  });

  it("jumps at once when told not to glide", () => {
    const placed: Array<[string, LatLon]> = [];
    const motion = new UnitMotion((id, at) => placed.push([id, at]), () => clock);
    motion.move("M-1", { lat: 0, lon: 0 }, { lat: 3, lon: 3 }, 0);
    expect(placed).toEqual([["M-1", { lat: 3, lon: 3 }]]);
  });
});
