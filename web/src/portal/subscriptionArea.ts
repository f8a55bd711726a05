/** The area of a resident's subscription as POST /api/v1/public/subscriptions takes it. */
export interface SubscriptionArea {
  point?: { lat: number; lon: number };
  radiusKm?: number;
  polygon?: { lat: number; lon: number }[];
}

export type AreaMode = "point" | "polygon";

/**
 * Turns what the resident picked on the map into a subscription area, or explains what is missing. A point with radius 0
 * subscribes the point itself (a home); a drawn area needs three corners, and the server closes the ring.
 */
export function subscriptionArea(
  mode: AreaMode,
  point: { lat: number; lng: number } | undefined,
  radiusKm: number,
  corners: readonly { lat: number; lng: number }[],
): SubscriptionArea | string {
  if (mode === "point") {
    if (!point) return "Tap the map to choose your place.";
    if (!(radiusKm >= 0 && radiusKm <= 50)) return "Choose a distance of at most 50 km.";
    const at = { lat: round(point.lat), lon: round(point.lng) };
    return radiusKm > 0 ? { point: at, radiusKm } : { point: at };
  }
  if (corners.length < 3) return `Tap at least 3 corners of your area on the map (${corners.length} so far).`;
  if (corners.length > 500) return "An area may have at most 500 corners.";
  return { polygon: corners.map((c) => ({ lat: round(c.lat), lon: round(c.lng) })) };
}

// Six decimals of a degree are about 0.1 m: more would only look precise.
const round = (x: number) => Math.round(x * 1e6) / 1e6;
