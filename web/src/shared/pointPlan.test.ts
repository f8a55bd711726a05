import { describe, expect, it } from "vitest";
import { nearestPoint, planPoints, projectWorld, stamp, type View } from "./pointPlan";

function points(coords: Array<[number, number]>): { wx: Float64Array; wy: Float64Array } {
  const wx = new Float64Array(coords.length);
  const wy = new Float64Array(coords.length);
  coords.forEach(([x, y], i) => {
    wx[i] = x;
    wy[i] = y;
  });
  return { wx, wy };
}

// World units map straight to pixels in these views, so the tests read in pixels.
const view: View = { scale: 1, offsetX: 0, offsetY: 0, width: 100, height: 50, cell: 2 };

describe("projectWorld", () => {
  it("puts the origin in the middle and the antimeridian at the edges", () => {
    expect(projectWorld(0, 0)).toEqual([0.5, 0.5]);
    expect(projectWorld(0, 180)[0]).toBeCloseTo(1, 12);
    expect(projectWorld(0, -180)[0]).toBeCloseTo(0, 12);
  });

  it("matches Web Mercator: 60° north lies where ln(tan(45° + 30°)) puts it", () => {
    const expected = 0.5 - Math.log(Math.tan(Math.PI / 4 + Math.PI / 6)) / (2 * Math.PI);
    expect(projectWorld(60, 0)[1]).toBeCloseTo(expected, 12);
  });

  it("clamps the poles instead of returning infinity", () => {
    expect(Number.isFinite(projectWorld(90, 0)[1])).toBe(true);
  });
});

describe("planPoints", () => {
  it("draws one point per cell and colour, skipping hidden and off-canvas points", () => {
    const { wx, wy } = points([[10, 10], [10.5, 10.5], [30, 10], [200, 10], [40, 40], [10, 10]]);
    const colour = new Uint8Array([0, 0, 0, 0, 0, 1]);
    const visible = new Uint8Array([1, 1, 1, 1, 0, 1]);
    expect([...planPoints(wx, wy, colour, visible, 2, view)]).toEqual([0, 2, 5]);
  });

  it("orders by colour so higher colours are drawn last, on top", () => {
    const { wx, wy } = points([[5, 5], [20, 5], [35, 5]]);
    const colour = new Uint8Array([2, 0, 1]);
    expect([...planPoints(wx, wy, colour, new Uint8Array([1, 1, 1]), 3, view)]).toEqual([1, 2, 0]);
  });

  it("applies the view's scale and offset", () => {
    const { wx, wy } = points([[0.25, 0.25], [1.2, 0.25]]);
    const zoomed: View = { ...view, scale: 100, offsetX: -10, offsetY: 0 };
    expect([...planPoints(wx, wy, new Uint8Array(2), new Uint8Array([1, 1]), 1, zoomed)]).toEqual([0]);
  });
});

describe("nearestPoint", () => {
  it("finds the closest visible point within reach, or none", () => {
    const { wx, wy } = points([[10, 10], [14, 10], [13, 10]]);
    const visible = new Uint8Array([1, 1, 0]);
    expect(nearestPoint(wx, wy, visible, view, 12.5, 10, 5)).toBe(1);
    expect(nearestPoint(wx, wy, visible, view, 60, 10, 5)).toBe(-1);
  });
});

describe("stamp", () => {
  // A 2 × 2 sprite: opaque red, half-transparent blue, transparent, opaque red.
  const sprite = { size: 2, data: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0, 255, 0, 0, 255]) };

  it("copies opaque pixels, skips transparent ones and clips at the edges", () => {
    const out = new Uint8ClampedArray(3 * 2 * 4);
    stamp(out, 3, 2, sprite, 2, 1);
    expect([...out.subarray((1 * 3 + 2) * 4, (1 * 3 + 3) * 4)]).toEqual([255, 0, 0, 255]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(255 + 255);
  });

  it("blends a translucent pixel over what is there (source over)", () => {
    const out = new Uint8ClampedArray([0, 255, 0, 255, 0, 0, 0, 0]);
    stamp(out, 2, 1, { size: 2, data: sprite.data }, -1, 0);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(127, 0);
    expect(out[2]).toBeCloseTo(128, 0);
    expect(out[3]).toBe(255);
  });
});
