/** Shapes of the camera API (GET /api/v1/cameras, /{id}/tracks, /{id}/events) and how the console words them. */

export interface CameraZone {
  id: string;
  ring: Array<[number, number]>;
}

export interface Camera {
  id: string;
  name: string;
  location: { lat: number; lon: number };
  configured: boolean;
  calibrated: boolean;
  zones: CameraZone[];
  ruleCount: number;
}

export interface CameraTrack {
  trackId: number;
  class: string;
  firstSeen: string;
  lastSeen: string;
  path: Array<[number, number]>;
}

export interface CameraEvent {
  kind: string;
  ruleId: string;
  zoneId?: string;
  time: string;
  since: string;
  trackId?: number;
  class: string;
  value: number;
  direction: number;
  alarmed: boolean;
}

const units: Record<string, string> = {
  Loitering: "s",
  AbandonedObject: "s",
  Running: "m/s",
  WrongWay: "m/s",
};

/** One line per event: what, who (class and local track number, never an identity), where, and the measure. */
export function cameraEventText(e: CameraEvent): string {
  const what = e.kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const who = e.trackId !== undefined && e.trackId !== null ? `${e.class.toLowerCase()} #${e.trackId}` : `${e.class.toLowerCase()}s`;
  const where = e.zoneId ? ` in ${e.zoneId}` : "";
  let measure = "";
  if (e.kind === "LineCrossing") measure = e.direction > 0 ? " (→)" : " (←)";
  else if (e.kind === "Crowd") measure = ` (${round(e.value)})`;
  else if (units[e.kind]) measure = ` (${round(e.value)} ${units[e.kind]})`;
  return `${what}: ${who}${where}${measure}`;
}

/** The layer's one-line summary, which also tells a screen reader what the map shows. */
export function cameraSummary(cameras: Camera[], tracks: number): string {
  const zones = cameras.reduce((n, c) => n + c.zones.filter((z) => z.ring.length >= 3).length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(cameras.length, "camera")} · ${plural(zones, "zone")} · ${plural(tracks, "track")}`;
}

/** Tracks by class colour: people blue, vehicles grey, carried objects orange. */
export function trackColour(objectClass: string): string {
  switch (objectClass) {
    case "Person":
      return "#2563eb";
    case "Backpack":
    case "Handbag":
    case "Suitcase":
      return "#ea580c";
    default:
      return "#4b5563";
  }
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
