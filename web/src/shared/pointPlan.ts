/**
 * The pure part of drawing tens of thousands of map points: projecting them once, and choosing which to draw for a
 * view. Kept apart from Leaflet and the canvas so it can be tested and reasoned about on its own.
 */

/** Web Mercator (EPSG:3857, Leaflet's default) in world units: [0, 1] across and down the whole map. */
export function projectWorld(lat: number, lon: number): [number, number] {
  const max = 85.0511287798;
  const clamped = Math.max(-max, Math.min(max, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = (lon + 180) / 360;
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return [x, y];
}

export interface View {
  /** World-unit to pixel scale (Leaflet: 256 × 2^zoom). */
  scale: number;
  /** Pixel position of world (0, 0) on the canvas. */
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  /** Side of the square cell in pixels within which only one point of a colour is drawn. */
  cell: number;
}

/**
 * The points to draw for a view, as indices in drawing order: colour by colour in ascending order (so alarm colours,
 * numbered higher, land on top), skipping points off the canvas and points whose cell already holds one of the same
 * colour. At a city-wide zoom, where 50,000 devices overlap in a few hundred thousand pixels, that bounds the work by
 * the canvas size rather than the device count, and draws a picture that looks the same.
 */
export function planPoints(wx: Float64Array, wy: Float64Array, colour: Uint8Array, visible: Uint8Array, colours: number, view: View): Int32Array {
  const columns = Math.ceil(view.width / view.cell) + 1;
  const rows = Math.ceil(view.height / view.cell) + 1;
  const taken = new Uint8Array(columns * rows);
  const out = new Int32Array(wx.length);
  let n = 0;
  for (let c = 0; c < colours; c++) {
    if (c > 0) taken.fill(0);
    for (let i = 0; i < wx.length; i++) {
      if (colour[i] !== c || visible[i] === 0) continue;
      const x = wx[i]! * view.scale + view.offsetX;
      const y = wy[i]! * view.scale + view.offsetY;
      if (x < 0 || y < 0 || x >= view.width || y >= view.height) continue;
      const cell = Math.floor(y / view.cell) * columns + Math.floor(x / view.cell);
      if (taken[cell]) continue;
      taken[cell] = 1;
      out[n++] = i;
    }
  }
  return out.subarray(0, n);
}

/** The visible point nearest to (x, y) within maxDistance pixels, or -1. */
export function nearestPoint(wx: Float64Array, wy: Float64Array, visible: Uint8Array, view: View, x: number, y: number, maxDistance: number): number {
  let best = -1;
  let bestDistance = maxDistance * maxDistance;
  for (let i = 0; i < wx.length; i++) {
    if (visible[i] === 0) continue;
    const dx = wx[i]! * view.scale + view.offsetX - x;
    const dy = wy[i]! * view.scale + view.offsetY - y;
    const d = dx * dx + dy * dy;
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** A small RGBA image, size × size pixels, not premultiplied (as getImageData returns it). */
export interface Sprite {
  size: number;
  data: Uint8ClampedArray;
}

/** Composites a sprite onto an RGBA image at (x, y), clipped to the image, with the usual source-over rule. */
export function stamp(out: Uint8ClampedArray, width: number, height: number, sprite: Sprite, x: number, y: number): void {
  const size = sprite.size;
  const src = sprite.data;
  for (let sy = 0; sy < size; sy++) {
    const ty = y + sy;
    if (ty < 0 || ty >= height) continue;
    for (let sx = 0; sx < size; sx++) {
      const tx = x + sx;
      if (tx < 0 || tx >= width) continue;
      const s = (sy * size + sx) * 4;
      const sa = src[s + 3]!;
      if (sa === 0) continue;
      const t = (ty * width + tx) * 4;
      if (sa === 255) {
        out[t] = src[s]!;
        out[t + 1] = src[s + 1]!;
        out[t + 2] = src[s + 2]!;
        out[t + 3] = 255;
        continue;
      }
      const a = sa / 255;
      const da = (out[t + 3]! / 255) * (1 - a);
      const oa = a + da;
      out[t] = (src[s]! * a + out[t]! * da) / oa;
      out[t + 1] = (src[s + 1]! * a + out[t + 1]! * da) / oa;
      out[t + 2] = (src[s + 2]! * a + out[t + 2]! * da) / oa;
      out[t + 3] = oa * 255;
    }
  }
}
