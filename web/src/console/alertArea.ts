import type { Geo } from "../shared/types";

/** An alert area as the dispatcher drew it: a circle or a polygon (its corners; the server closes the ring). */
export type DrawnArea = { kind: "circle"; centre: Geo; radiusKm: number } | { kind: "polygon"; corners: Geo[] };

/** The request's area (POST /api/v1/alerts, /{id}/update) for a drawn shape. */
export function areaRequest(description: string, area: DrawnArea): { description: string; circle?: { lat: number; lon: number; radiusKm: number }; polygon?: Geo[] } {
  return area.kind === "circle"
    ? { description, circle: { lat: round(area.centre.lat), lon: round(area.centre.lon), radiusKm: Math.round(area.radiusKm * 1000) / 1000 } }
    : { description, polygon: area.corners.map((c) => ({ lat: round(c.lat), lon: round(c.lon) })) };
}

/** Why a drawn shape cannot be sent yet, or undefined when it can. Mirrors the server's limits so the form can say so early. */
export function areaProblem(area: DrawnArea | undefined): string | undefined {
  if (!area) return "Draw the area on the map first.";
  if (area.kind === "circle") return area.radiusKm > 0 && area.radiusKm <= 1000 ? undefined : "The circle's radius must be more than 0 and at most 1000 km.";
  const distinct = new Set(area.corners.map((c) => `${round(c.lat)},${round(c.lon)}`)).size;
  if (distinct < 3) return `A polygon needs at least 3 corners (${distinct} so far).`;
  return area.corners.length > 1000 ? "A polygon may have at most 1000 corners." : undefined;
}

/**
 * Reads the first shape of a CAP area (CAP 1.2 §3.2.4 text forms: polygon "lat,lon lat,lon …", circle "lat,lon radius")
 * back into a drawn area, so that an update starts from the area in force. The closing corner of a polygon is dropped.
 */
export function fromCap(polygons: readonly string[], circles: readonly string[]): DrawnArea | undefined {
  if (polygons.length > 0) {
    const corners = polygons[0]!.trim().split(/\s+/).map(pair);
    if (corners.some((c) => c === undefined)) return undefined;
    const ring = corners as Geo[];
    if (ring.length > 1 && ring[0]!.lat === ring.at(-1)!.lat && ring[0]!.lon === ring.at(-1)!.lon) ring.pop();
    return { kind: "polygon", corners: ring };
  }
  if (circles.length > 0) {
    const [centre, radius] = circles[0]!.trim().split(/\s+/);
    const c = centre ? pair(centre) : undefined;
    const r = Number(radius);
    return c && Number.isFinite(r) ? { kind: "circle", centre: c, radiusKm: r } : undefined;
  }
  return undefined;
}

/** Great-circle distance in km (haversine, mean earth radius): a circle's radius from its centre and the clicked edge. */
export function distanceKm(a: Geo, b: Geo): number {
  const rad = Math.PI / 180;
  const s1 = Math.sin(((b.lat - a.lat) * rad) / 2);
  const s2 = Math.sin(((b.lon - a.lon) * rad) / 2);
  const h = s1 * s1 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * s2 * s2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function pair(text: string): Geo | undefined {
  const [lat, lon] = text.split(",").map(Number);
  return lat !== undefined && lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : undefined;
}

// Six decimals of a degree are about 0.1 m, finer than any drawn area.
const round = (x: number) => Math.round(x * 1e6) / 1e6;
