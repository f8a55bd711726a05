/**
 * Units report their position every few seconds; jumping a marker from fix to fix makes a moving unit look like it
 * teleports. Instead each marker glides from where it is drawn to the new fix over about the time the unit took to
 * send it, so it arrives just as the next fix is due, and an operator sees it travel along its way.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

interface Glide {
  from: LatLon;
  to: LatLon;
  start: number;
  duration: number;
}

/** Linear between two fixes; a few hundred metres apart, the curvature of the earth is far below a pixel. */
export function interpolate(from: LatLon, to: LatLon, t: number): LatLon {
  const k = Math.max(0, Math.min(1, t));
  return { lat: from.lat + (to.lat - from.lat) * k, lon: from.lon + (to.lon - from.lon) * k };
}

/**
 * How long to glide: the interval since the unit's previous fix, within 0.5–10 s. Longer gaps (a unit parked, then
 * moved) would crawl across the map for minutes, so they glide briefly instead.
 */
export function glideDuration(previousAt: string | undefined, at: string): number {
  if (!previousAt) return 0;
  const gap = Date.parse(at) - Date.parse(previousAt);
  if (!Number.isFinite(gap) || gap <= 0) return 0;
  return Math.min(10_000, Math.max(500, gap));
}

export class UnitMotion {
  private readonly glides = new Map<string, Glide>();
  private frame = 0;

  constructor(
    private readonly place: (id: string, at: LatLon) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Moves the unit's marker from where it is drawn now (shown) to its new fix over duration ms (0: at once). */
  move(id: string, shown: LatLon, to: LatLon, duration: number): void {
    if (duration <= 0 || (shown.lat === to.lat && shown.lon === to.lon)) {
      this.glides.delete(id);
      this.place(id, to);
      return;
    }
    this.glides.set(id, { from: shown, to, start: this.now(), duration });
    if (!this.frame) this.frame = requestAnimationFrame(() => this.step());
  }

  /** Where the marker is drawn now, between its last two fixes, or undefined when it is not gliding. */
  current(id: string): LatLon | undefined {
    const g = this.glides.get(id);
    return g ? interpolate(g.from, g.to, (this.now() - g.start) / g.duration) : undefined;
  }

  step(): void {
    this.frame = 0;
    const now = this.now();
    for (const [id, g] of this.glides) {
      const t = (now - g.start) / g.duration;
      this.place(id, interpolate(g.from, g.to, t));
      if (t >= 1) this.glides.delete(id);
    }
    if (this.glides.size > 0) this.frame = requestAnimationFrame(() => this.step());
  }
}
