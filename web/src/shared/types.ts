// The API's shapes (src/Vigil.Platform/Contracts/Views.cs, ReportView.cs); enums travel as strings.

export interface Geo {
  lat: number;
  lon: number;
}

export interface Quantity {
  name: string;
  unit: string;
}

export interface Device {
  id: string;
  name: string;
  kind: string;
  location: Geo;
  agencyId: string;
  quantities: Quantity[];
}

export type AlarmState = "Active" | "Acknowledged" | "Cleared";

/** What an outbreak method saw in a health-count series (src/Vigil.Domain/Alarms/OutbreakEvidence.cs). */
export interface OutbreakEvidence {
  syndrome: string;
  district: string;
  period: "Day" | "Week";
  start: string;
  method: string;
  observed: number;
  expected?: number;
  upperBound: number;
}

export interface Alarm {
  id: number;
  ruleId: string;
  /** Absent for an alarm raised on a count series (see outbreak). */
  deviceId?: string;
  quantity: string;
  category: string;
  severity: string;
  state: AlarmState;
  location: Geo;
  explanation: { summary?: string } & Record<string, unknown>;
  incidentType?: string;
  incidentId?: number;
  raisedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  clearedAt?: string;
  escalations: number;
  lastEscalatedAt?: string;
  outbreak?: OutbreakEvidence;
}

export type IncidentStatus = "New" | "Acknowledged" | "Dispatched" | "OnScene" | "Resolved" | "Closed";

export interface TimelineEntry {
  at: string;
  actor: string;
  kind: string;
  text: string;
}

export interface Incident {
  id: number;
  type: string;
  priority: number;
  title: string;
  status: IncidentStatus;
  location: Geo;
  source: string;
  createdAt: string;
  updatedAt: string;
  alarmIds: number[];
  unitIds: string[];
  timeline: TimelineEntry[];
}

export interface Unit {
  id: string;
  callSign: string;
  agencyId: string;
  kind: string;
  status: string;
  location: Geo;
  station: Geo;
  incidentId?: number;
  updatedAt: string;
}

export interface Report {
  ticket: string;
  category: string;
  status: string;
  description: string;
  location?: Geo;
  locationText?: string;
  hasContact: boolean;
  hasPhoto: boolean;
  createdAt: string;
  updatedAt: string;
  statusNote?: string;
  updatedBy?: string;
  incidentId?: number;
  duplicateOf?: string;
  reopenCount?: number;
  purgedAt?: string;
}

export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
}

export interface DuplicateSuggestion {
  ticket: string;
  score: number;
  distanceMetres?: number;
  textSimilarity: number;
  status: string;
  createdAt: string;
}

export interface Procedure {
  type: string;
  title: string;
  steps: string[];
}

/** Every device in columns, as GET /api/v1/map/devices returns them. */
export interface DeviceMap {
  ids: string[];
  lat: number[];
  lon: number[];
  kinds: string[];
  kind: number[];
  agencies: string[];
  agency: number[];
}
