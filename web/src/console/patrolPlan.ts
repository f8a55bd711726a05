import { escapeHtml } from "../shared/api";

/** A GeoJSON LineString of [lon, lat] positions, as the server draws a loop on the roads. */
export interface LineString {
  type: string;
  coordinates: number[][];
}

export interface PatrolPlan {
  category: string;
  travelModel?: string;
  distanceModel: string;
  budgetMinutes: number;
  units: number;
  candidateCells: number;
  coveredShare: number;
  offRoadCells?: number;
  routes: Array<{ unit: number; loopMinutes: number; stops: Array<{ lat: number; lon: number; cell: number; district?: string }>; road?: LineString | null }>;
  districts: Array<{ district: string; patrolTimeShare: number; flaggedAreaShare?: number; incidentShare?: number }>;
}

export const loopColours = ["#1d4ed8", "#7e22ce", "#0f766e", "#b45309", "#be185d", "#4d7c0f"];

/** A server line as Leaflet [lat, lon] points. */
export function roadPoints(line: LineString): Array<[number, number]> {
  return line.coordinates.map((c): [number, number] => [c[1]!, c[0]!]);
}

/**
 * Each unit's loop, ready for a Leaflet polyline: along the roads when the plan was made by road, otherwise a closed
 * straight line back to its first stop (and then `byRoad` is false, so the map can draw it dashed). `first` is the
 * loop's first stop, where its marker goes.
 */
export function patrolLoops(plan: PatrolPlan): Array<{ unit: number; points: Array<[number, number]>; byRoad: boolean; first: [number, number] }> {
  return plan.routes
    .filter((r) => r.stops.length > 0)
    .map((r) => {
      const first: [number, number] = [r.stops[0]!.lat, r.stops[0]!.lon];
      if (r.road && r.road.coordinates.length > 1) return { unit: r.unit, points: roadPoints(r.road), byRoad: true, first };
      const points = r.stops.map((s): [number, number] => [s.lat, s.lon]);
      if (points.length > 1) points.push(points[0]!);
      return { unit: r.unit, points, byRoad: false, first };
    });
}

const pct = (x: number | undefined): string => (x === undefined || x === null ? "—" : `${(x * 100).toFixed(1)}\u00a0%`);

/** The plan's summary and each district's share of planned patrol time beside its flagged and incident shares. */
export function renderPatrolTable(plan: PatrolPlan): string {
  const rows = plan.districts
    .map((d) => {
      const over = d.incidentShare !== undefined && d.incidentShare !== null && d.patrolTimeShare > 2 * d.incidentShare && d.patrolTimeShare > 0;
      return `<tr class="${over ? "over" : ""}"><th scope="row">${escapeHtml(d.district)}</th><td>${pct(d.patrolTimeShare)}</td><td>${pct(d.flaggedAreaShare)}</td><td>${pct(d.incidentShare)}</td></tr>`;
    })
    .join("");
  return `
    <h4>Patrol plan</h4>
    <p class="note">${plan.routes.length} of ${plan.units} units, loops within ${plan.budgetMinutes} min, covering ${pct(plan.coveredShare)} of the flagged cells' forecast (${plan.candidateCells} cells${plan.offRoadCells ? `, ${plan.offRoadCells} with no road nearby left out` : ""}). Travel: ${escapeHtml(plan.distanceModel)}.</p>
    <table class="disparity patrol-shares">
      <thead><tr><th>District</th><th>Patrol time</th><th>Flagged</th><th>Incidents</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="note">Highlighted districts would get more than twice their share of incidents in patrol time.</p>`;
}
