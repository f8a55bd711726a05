import { escapeHtml } from "../shared/api";
import { roadPoints, type LineString } from "./patrolPlan";

export interface Checkpoint {
  lat: number;
  lon: number;
  name: string;
  dwellMinutes: number;
  priority: number;
}

export interface GuardTourRequest {
  checkpoints: Checkpoint[];
  guards: number;
  shiftMinutes: number;
  start: { lat: number; lon: number };
  travel?: "walk" | "drive";
}

/** The request body; an empty or unknown travel choice is left out, so the server walks when it has a walking graph. */
export function guardTourRequest(checkpoints: Checkpoint[], start: { lat: number; lon: number }, guards: number, shiftMinutes: number, travel: string): GuardTourRequest {
  const body: GuardTourRequest = { checkpoints, start, guards, shiftMinutes };
  if (travel === "walk" || travel === "drive") body.travel = travel;
  return body;
}

export interface GuardTourPlan {
  mode: "walk" | "drive";
  travelModel: string;
  travel: string;
  guards: number;
  shiftMinutes: number;
  start: { lat: number; lon: number };
  checkpoints: number;
  planned: number;
  tours: Array<{
    guard: number;
    minutes: number;
    travelMinutes: number;
    dwellMinutes: number;
    stops: Array<{ checkpoint: number; name: string; lat: number; lon: number; priority: number; arriveMinute: number; dwellMinutes: number }>;
    route?: LineString | null;
  }>;
  leftOut: Array<{ checkpoint: number; name: string; reason: string; detail: string }>;
}

/**
 * Each guard's tour as a line from the start and back: the road line when the plan was made by road, else straight
 * segments through the stops (`byRoad` false, to be drawn dashed).
 */
export function tourLines(plan: GuardTourPlan): Array<{ guard: number; points: Array<[number, number]>; byRoad: boolean }> {
  return plan.tours.map((t) => {
    if (t.route && t.route.coordinates.length > 1) return { guard: t.guard, points: roadPoints(t.route), byRoad: true };
    const start: [number, number] = [plan.start.lat, plan.start.lon];
    return { guard: t.guard, points: [start, ...t.stops.map((s): [number, number] => [s.lat, s.lon]), start], byRoad: false };
  });
}

const reasons: Record<string, string> = {
  "off-road": "off road",
  unreachable: "unreachable",
  "over-budget": "too far for the shift",
  "no-time-left": "no time left",
};

/** The plan as a supervisor reads it: one ordered list per guard with arrival minutes, then what was left out and why. */
export function renderGuardTours(plan: GuardTourPlan): string {
  const tours = plan.tours
    .map(
      (t) => `
      <h4>Guard ${t.guard}: ${t.minutes} of ${plan.shiftMinutes} min</h4>
      <ol class="guard-tour">${t.stops
        .map((s) => `<li><span class="minute">+${s.arriveMinute} min</span> ${escapeHtml(s.name)}${s.priority > 1 ? ` <span class="priority">P${s.priority}</span>` : ""}</li>`)
        .join("")}</ol>`,
    )
    .join("");
  const left = plan.leftOut.length
    ? `<h4>Left out (${plan.leftOut.length})</h4><ul class="left-out">${plan.leftOut
        .map((l) => `<li><strong>${escapeHtml(l.name)}</strong>: ${escapeHtml(reasons[l.reason] ?? l.reason)}. <span class="note">${escapeHtml(l.detail)}</span></li>`)
        .join("")}</ul>`
    : `<p class="note">Every checkpoint is in a tour.</p>`;
  return `
    <p class="note">${plan.planned} of ${plan.checkpoints} checkpoints in ${plan.tours.length} of ${plan.guards} tours. Travel: ${escapeHtml(plan.travel)}.</p>
    ${tours}
    ${left}`;
}
