import type { Alarm, Incident } from "../shared/types";

const closed = new Set(["Resolved", "Closed"]);

export function isOpen(incident: Incident): boolean {
  return !closed.has(incident.status);
}

/**
 * The incident queue: open incidents, most urgent priority first (1 before 5); within a priority the oldest first,
 * because it has waited longest; the id breaks ties so the order never flickers between renders.
 */
export function orderQueue(incidents: Iterable<Incident>): Incident[] {
  const open: Incident[] = [];
  for (const incident of incidents) if (isOpen(incident)) open.push(incident);
  return open.sort((a, b) => a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
}

/** Keeps the selection on the same incident when the queue reorders; moves by `step` (j/k) within bounds. */
export function moveSelection(queue: Incident[], selectedId: number | undefined, step: number): number | undefined {
  if (queue.length === 0) return undefined;
  const index = queue.findIndex((i) => i.id === selectedId);
  if (index < 0) return queue[step >= 0 ? 0 : queue.length - 1]!.id;
  const next = Math.min(queue.length - 1, Math.max(0, index + step));
  return queue[next]!.id;
}

/**
 * Whether `incoming` is at least as new as `current`. The console opens the live feed before it loads the lists, so
 * an event buffered during the load can be older than what the list returned; applying it would move the screen back.
 */
export function isNewer(current: { updatedAt: string } | undefined, incoming: { updatedAt: string }): boolean {
  return current === undefined || Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

const alarmRank: Record<string, number> = { Active: 0, Acknowledged: 1, Cleared: 2 };

/** Alarms carry no update time: they only move forward (active → acknowledged → cleared) and escalate. */
export function isNewerAlarm(current: Alarm | undefined, incoming: Alarm): boolean {
  if (current === undefined) return true;
  const a = alarmRank[current.state] ?? 0;
  const b = alarmRank[incoming.state] ?? 0;
  return b > a || (b === a && incoming.escalations >= current.escalations);
}
