import { escapeHtml } from "../shared/api";

export interface PatrolPlan {
  category: string;
  distanceModel: string;
  budgetMinutes: number;
  units: number;
  candidateCells: number;
  coveredShare: number;
  routes: Array<{ unit: number; loopMinutes: number; stops: Array<{ lat: number; lon: number; cell: number; district?: string }> }>;
  districts: Array<{ district: string; patrolTimeShare: number; flaggedAreaShare?: number; incidentShare?: number }>;
}

export const loopColours = ["#1d4ed8", "#7e22ce", "#0f766e", "#b45309", "#be185d", "#4d7c0f"];

/** Each unit's loop as a closed line (back to its first stop), ready for a Leaflet polyline. */
export function patrolLoops(plan: PatrolPlan): Array<{ unit: number; points: Array<[number, number]> }> {
  return plan.routes
    .filter((r) => r.stops.length > 0)
    .map((r) => {
      const points = r.stops.map((s): [number, number] => [s.lat, s.lon]);
      if (points.length > 1) points.push(points[0]!);
      return { unit: r.unit, points };
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
    <p class="note">${plan.routes.length} of ${plan.units} units, loops within ${plan.budgetMinutes} min, covering ${pct(plan.coveredShare)} of the flagged cells' forecast (${plan.candidateCells} cells). Travel: ${escapeHtml(plan.distanceModel)}.</p>
    <table class="disparity patrol-shares">
      <thead><tr><th>District</th><th>Patrol time</th><th>Flagged</th><th>Incidents</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="note">Highlighted districts would get more than twice their share of incidents in patrol time.</p>`;
}
