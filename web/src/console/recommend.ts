import { api, escapeHtml } from "../shared/api";

/** A unit the server ranks for an incident by travel time on the live road network. */
export interface UnitRecommendation {
  rank: number;
  unit: { id: string; callSign: string; kind: string };
  etaSeconds: number;
  distanceMeters: number;
  route: { type: "LineString"; coordinates: Array<[number, number]> };
}

export interface Recommendations {
  incidentId: number;
  suitableKinds: string[];
  candidateUnits: number;
  unitsOffRoad: number;
  units: UnitRecommendation[];
}

// The panel re-renders on every live update of its incident; routing every time would be wasted work, and ETAs a few
// seconds old are still right for choosing a unit.
const maxAgeMs = 15_000;
const cache = new Map<number, { at: number; value: Recommendations | null }>();

/** The ranking for an incident, or null where the server has no road graph (it answers 503). */
export async function recommendations(incidentId: number, now = Date.now()): Promise<Recommendations | null> {
  const hit = cache.get(incidentId);
  if (hit && now - hit.at < maxAgeMs) return hit.value;
  let value: Recommendations | null;
  try {
    value = await api<Recommendations>(`/api/v1/incidents/${incidentId}/recommendations?count=5`);
  } catch {
    value = null;
  }
  cache.set(incidentId, { at: now, value });
  return value;
}

/** Drops a cached ranking, after a dispatch changes which units are available. */
export function forgetRecommendations(): void {
  cache.clear();
}

export function formatEta(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  return `${Math.floor(total / 60)}:${(total % 60).toString().padStart(2, "0")}`;
}

export function recommendationsHtml(rec: Recommendations | null): string {
  if (!rec) return `<p class="meta">Travel-time ranking is unavailable (no road network loaded); choose below by straight-line distance.</p>`;
  if (rec.units.length === 0) return `<p class="meta">No available ${escapeHtml(rec.suitableKinds.join(" or "))} unit can reach this place by road.</p>`;
  const items = rec.units.map((u) => `<li>
      <button type="button" class="link" data-route="${u.rank}" title="Show the route on the map">${escapeHtml(u.unit.callSign)}</button>
      · ${escapeHtml(u.unit.kind)} · ETA <strong>${formatEta(u.etaSeconds)}</strong> · ${(u.distanceMeters / 1000).toFixed(1)} km by road
      <button type="button" data-send="${escapeHtml(u.unit.id)}">Dispatch</button></li>`);
  return `<ol class="recommend">${items.join("")}</ol>`;
}
