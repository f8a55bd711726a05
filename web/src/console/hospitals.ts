import { api, ApiError, escapeHtml } from "../shared/api";
import { formatEta } from "./recommend";

/** A hospital with capacity, ranked for a medical incident. */
export interface HospitalOption {
  rank: number;
  hospital: { id: string; name: string; edStatus: string; freeBeds: number; updatedAt: string };
  distanceMeters: number;
  etaSeconds?: number | null;
  route?: { type: "LineString"; coordinates: Array<[number, number]> } | null;
}

export interface HospitalRanking {
  incidentId: number;
  method: "road" | "straight-line";
  note?: string | null;
  registered: number;
  withoutCapacity: number;
  unreachable: number;
  hospitals: HospitalOption[];
}

// Same reasoning as unit recommendations: the panel re-renders on every live update, and beds change slowly.
const maxAgeMs = 15_000;
const cache = new Map<number, { at: number; value: HospitalRanking | null }>();

/** Whether to ask for hospitals: the incident is medical, or the units that answer it are EMS. */
export function wantsHospitals(type: string, suitableKinds: string[] | undefined): boolean {
  return type.toLowerCase() === "medical" || (suitableKinds ?? []).includes("Ems");
}

/** Drops cached rankings, so that the next request asks the server: a hospital's capacity changed (live feed). */
export function forgetHospitalRankings(): void {
  cache.clear();
}

/** The ranking, or null when the server says the incident is not one EMS answers (409) or cannot be read. */
export async function nearestHospitals(incidentId: number, now = Date.now()): Promise<HospitalRanking | null> {
  const hit = cache.get(incidentId);
  if (hit && now - hit.at < maxAgeMs) return hit.value;
  let value: HospitalRanking | null;
  try {
    value = await api<HospitalRanking>(`/api/v1/incidents/${incidentId}/hospitals?count=3`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    value = null;
  }
  cache.set(incidentId, { at: now, value });
  return value;
}

export function hospitalsHtml(ranking: HospitalRanking | null): string {
  if (!ranking) return "";
  const skipped = ranking.withoutCapacity > 0 ? ` ${ranking.withoutCapacity} diverting, closed or full not shown.` : "";
  if (ranking.hospitals.length === 0) {
    return `<h3>Hospitals</h3><p class="meta">No hospital with an open ED and a free bed${ranking.registered === 0 ? " is registered" : ""}.${skipped}</p>`;
  }
  const byRoad = ranking.method === "road";
  const items = ranking.hospitals.map((o) => `<li><strong>${escapeHtml(o.hospital.name)}</strong> · ${o.hospital.freeBeds} free beds ·
      ${byRoad && o.etaSeconds != null ? `ETA <strong>${formatEta(o.etaSeconds)}</strong> · ${(o.distanceMeters / 1000).toFixed(1)} km by road` : `${(o.distanceMeters / 1000).toFixed(1)} km straight line`}</li>`);
  const note = ranking.note ? `<p class="meta">${escapeHtml(ranking.note)}</p>` : "";
  return `<h3>Hospitals</h3>${note}<ol class="recommend hospitals">${items.join("")}</ol>${skipped ? `<p class="meta">${skipped.trim()}</p>` : ""}`;
}
