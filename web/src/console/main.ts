import L from "leaflet";
import "./console.css";
import { api, ApiError, escapeHtml } from "../shared/api";
import { createBaseMap, type BaseMap } from "../shared/baseMap";
import { PointLayer } from "../shared/pointLayer";
import { clock, elapsed } from "../shared/time";
import type { Alarm, ContactDetails, Device, DeviceMap, DuplicateSuggestion, Incident, Procedure, Report, Unit } from "../shared/types";
import { duplicateEvidence, isRedactedTip, triageQueue } from "./triage";
import { mountAlertsPanel } from "./alerts";
import { alarmSummary, excessOverNotice, mountOutbreaksPanel } from "./outbreaks";
import { Beeper } from "./beep";
import { drawDeviceChart } from "./chart";
import { mountForecast } from "./forecast";
import { mountGuardTours } from "./guardTourPanel";
import { canPlanGuardTours, canViewForecasts, isGuardToursOnly } from "./roles";
import { LiveFeed, type FeedState } from "./feed";
import { isNewer, isNewerAlarm, isOpen, moveSelection, orderQueue } from "./queue";
import { forgetRecommendations, recommendations, recommendationsHtml } from "./recommend";
import { forgetHospitalRankings, hospitalsHtml, nearestHospitals, wantsHospitals } from "./hospitals";
import { RouteOverlay } from "./routeOverlay";
import { CoverageLayer } from "./coverageLayer";
import { CameraLayer } from "./cameraLayer";
import { cameraEventText, type Camera, type CameraEvent } from "./cameras";
import { sopProgress, sopNote } from "./sop";
import { glideDuration, UnitMotion } from "./unitMotion";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = $("app");

// Devices are held in columns (see DeviceMap) with an index by id; one device's full record is fetched when opened.
let deviceMap: DeviceMap = { ids: [], lat: [], lon: [], kinds: [], kind: [], agencies: [], agency: [] };
const deviceIndex = new Map<string, number>();
const deviceDetails = new Map<string, Device>();
// Point colours, by index: normal, acknowledged alarm, active alarm (drawn on top).
const deviceColours = ["#16a34a", "#d97706", "#dc2626"] as const;
const alarms = new Map<number, Alarm>();
const incidents = new Map<number, Incident>();
const units = new Map<string, Unit>();
const reports = new Map<string, Report>();
const procedures = new Map<string, Procedure>();
const beeper = new Beeper();

let base: BaseMap;
let routeOverlay: RouteOverlay | undefined;
let pointLayer: PointLayer;
const incidentMarkers = new Map<number, L.CircleMarker>();
const alarmMarkers = new Map<number, L.CircleMarker>();
const unitMarkers = new Map<string, L.CircleMarker>();
const reportMarkers = new Map<string, L.CircleMarker>();
const groups: Record<string, L.LayerGroup> = {};
let selectedIncident: number | undefined;
let panelKind: "incident" | "device" | "report" | "camera" | undefined;
let panelKey: string | number | undefined;
let search = "";
let me = { userName: "", role: "" };

const priorityColor = ["", "#b91c1c", "#c2410c", "#a16207", "#1d4ed8", "#4b5563"];
const unitColor: Record<string, string> = {
  Available: "#15803d", Dispatched: "#c2410c", EnRoute: "#c2410c", OnScene: "#7e22ce", Returning: "#0e7490", OutOfService: "#4b5563",
};

// ---- sign-in ------------------------------------------------------------------------------------------------------

async function boot(): Promise<void> {
  try {
    me = await api("/api/v1/auth/me");
    await startConsole();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) showLogin();
    else showLogin(`The server did not answer: ${(e as Error).message}`);
  }
}

function showLogin(message = ""): void {
  $("console").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message;
  app.dataset.ready = "login";
  $<HTMLInputElement>("login-user").focus();
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  beeper.unlock();
  const userName = $<HTMLInputElement>("login-user").value.trim();
  const password = $<HTMLInputElement>("login-password").value;
  try {
    const result = await api<{ userName: string; role: string }>("/api/v1/auth/login", { method: "POST", json: { userName, password } });
    me = { userName: result.userName, role: result.role };
    $<HTMLInputElement>("login-password").value = "";
    await startConsole();
  } catch (err) {
    $("login-error").textContent = err instanceof ApiError && err.status === 401 ? "Wrong user name or password." : (err as Error).message;
  }
});

$("logout").addEventListener("click", async () => {
  await api("/api/v1/auth/logout", { method: "POST" }).catch(() => undefined);
  location.reload();
});

// ---- start-up -----------------------------------------------------------------------------------------------------

let started = false;
let feed: LiveFeed;

async function startConsole(): Promise<void> {
  if (started) return;
  started = true;
  $("login").hidden = true;
  $("console").hidden = false;
  $("who").textContent = `${me.userName} (${me.role})`;
  if (isGuardToursOnly(me.role)) {
    await startGuardConsole();
    return;
  }
  updateMuteButton();
  // The feed opens before the lists load, so nothing that happens during the load is missed; events that arrive
  // meanwhile wait and are applied after, skipping any older than what the lists returned.
  let buffered: Array<[string, unknown]> | undefined = [];
  feed = new LiveFeed({
    url: "/api/v1/stream",
    events: ["alarm.raised", "alarm.acknowledged", "alarm.cleared", "alarm.escalated", "incident.created", "incident.updated", "unit.updated", "report.created", "report.updated", "hospital.updated"],
    open: (url) => new EventSource(url, { withCredentials: true }),
    onEvent: (type, data) => (buffered ? buffered.push([type, data]) : apply(type, data, true)),
    onState: showFeedState,
    stillSignedIn: async () => {
      try {
        await api("/api/v1/auth/me");
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          showLogin("Your session ended. Sign in again.");
          return false;
        }
        throw e;
      }
    },
  });
  feed.start();

  // The lists are asked for before the base map is built, so the largest (every device) is on its way while the map
  // draws its districts and streets: the two overlap instead of following one another.
  const lists = Promise.all([
    api<DeviceMap>("/api/v1/map/devices"),
    api<Alarm[]>("/api/v1/alarms?open=true&limit=1000"),
    api<Incident[]>("/api/v1/incidents?open=true&limit=1000"),
    api<Unit[]>("/api/v1/units"),
    api<Report[]>("/api/v1/reports?open=true&limit=500").catch(() => [] as Report[]),
    api<Procedure[]>("/api/v1/sops").catch(() => [] as Procedure[]),
  ]);
  lists.catch(() => undefined); // awaited below; this only stops a failure during the map's build being reported as unhandled
  base = await createBaseMap($("map"));
  for (const name of ["alarms", "incidents", "units", "reports"]) groups[name] = L.layerGroup().addTo(base.map);
  pointLayer = new PointLayer(3.5, deviceColours, (i) => openDevice(deviceMap.ids[i]!));
  pointLayer.addTo(base.map);
  routeOverlay = new RouteOverlay(base.map);
  if (canViewForecasts(me.role)) mountForecast(base.map, document.querySelector<HTMLElement>(".map-wrap")!, document.querySelector<HTMLElement>(".layers")!);
  if (canPlanGuardTours(me.role)) mountGuardTours(base.map, document.querySelector<HTMLElement>(".map-wrap")!, document.querySelector<HTMLElement>(".layers")!);
  mountAlertsPanel({ map: base.map, me, incident: () => (selectedIncident === undefined ? undefined : incidents.get(selectedIncident)) });
  mountOutbreaksPanel();

  const [deviceList, alarmList, incidentList, unitList, reportList, sopList] = await lists;
  for (const p of sopList) procedures.set(p.type, p);
  loadDevices(deviceList);
  for (const a of alarmList) alarms.set(a.id, a);
  for (const i of incidentList) incidents.set(i.id, i);
  for (const u of unitList) units.set(u.id, u);
  for (const r of reportList) reports.set(r.ticket, r);
  for (const a of alarms.values()) drawAlarm(a);
  for (const i of incidents.values()) drawIncident(i);
  for (const u of units.values()) drawUnit(u);
  for (const r of reports.values()) drawReport(r);
  recolourDevices();
  const pending = buffered;
  buffered = undefined;
  for (const [type, data] of pending) apply(type, data, true);
  renderAll();
  setInterval(tick, 1000);
  app.dataset.ready = "true";
}

/**
 * A guard's console: the city map with the guard-tour planner open. The desk's lists and live feed are left out, as
 * the server would refuse them; the base map's districts and streets are public.
 */
async function startGuardConsole(): Promise<void> {
  $("console").dataset.scope = "guard-tours";
  base = await createBaseMap($("map"));
  mountGuardTours(base.map, document.querySelector<HTMLElement>(".map-wrap")!, document.querySelector<HTMLElement>(".layers")!);
  const toggle = $<HTMLInputElement>("guard-tours-toggle");
  toggle.checked = true;
  toggle.dispatchEvent(new Event("change"));
  app.dataset.ready = "true";
}

function loadDevices(list: DeviceMap): void {
  deviceMap = list;
  deviceIndex.clear();
  for (let i = 0; i < list.ids.length; i++) deviceIndex.set(list.ids[i]!, i);
  fillSelect($("filter-agency"), new Set(list.agencies));
  fillSelect($("filter-kind"), new Set(list.kinds));
  pointLayer.setPoints(list.lat, list.lon);
}

function fillSelect(select: HTMLSelectElement, values: Set<string>): void {
  for (const v of [...values].sort()) select.add(new Option(v, v));
}

// ---- live events --------------------------------------------------------------------------------------------------

function apply(type: string, data: unknown, live: boolean): void {
  const envelope = data as { alarm?: Alarm; incident?: Incident; unit?: Unit; report?: Report; hospital?: unknown };
  if (envelope.hospital) {
    // A hospital's ED status or free beds changed: the open incident panel ranks its hospitals afresh.
    forgetHospitalRankings();
    if (panelKind === "incident" && typeof panelKey === "number") renderIncidentPanel(incidents.get(panelKey));
  } else if (envelope.alarm) {
    const a = envelope.alarm;
    if (!isNewerAlarm(alarms.get(a.id), a)) return;
    alarms.set(a.id, a);
    drawAlarm(a);
    if (a.deviceId) recolourDevice(a.deviceId);
    renderAlarms();
    const over = live ? excessOverNotice(a) : undefined;
    if (over) showExcessOver(over);
  } else if (envelope.incident) {
    const i = envelope.incident;
    if (!isNewer(incidents.get(i.id), i)) return;
    const isNew = !incidents.has(i.id);
    incidents.set(i.id, i);
    drawIncident(i);
    renderQueue();
    if (panelKind === "incident" && panelKey === i.id) renderIncidentPanel(i);
    if (live && isNew && type === "incident.created" && i.priority === 1) priorityOneCue(i);
  } else if (envelope.unit) {
    const u = envelope.unit;
    const previous = units.get(u.id);
    if (!isNewer(previous, u)) return;
    units.set(u.id, u);
    drawUnit(u, live ? previous : undefined);
    if (panelKind === "incident" && typeof panelKey === "number") renderIncidentPanel(incidents.get(panelKey));
  } else if (envelope.report) {
    const r = envelope.report;
    if (isRedactedTip(r)) {
      // Tips reach only police consoles: fetch the content; any other console is refused (404) and ignores it.
      void api<Report>(`/api/v1/reports/${encodeURIComponent(r.ticket)}`).then((full) => apply(type, { report: full }, live)).catch(() => undefined);
      return;
    }
    if (!isNewer(reports.get(r.ticket), r)) return;
    reports.set(r.ticket, r);
    drawReport(r);
    renderReports();
    if (panelKind === "report" && panelKey === r.ticket) renderReportPanel(r);
  }
}

function showFeedState(state: FeedState): void {
  const label = $("feed-state");
  label.textContent = state === "live" ? "live" : state === "reconnecting" ? "reconnecting…" : state === "stopped" ? "offline" : "connecting…";
  label.dataset.state = state;
  const banner = $("banner");
  banner.hidden = state === "live" || state === "connecting";
  banner.textContent = state === "reconnecting"
    ? "Connection to the live feed lost — reconnecting. What you see may be out of date; missed events will be replayed."
    : "The live feed has stopped.";
}

function priorityOneCue(incident: Incident): void {
  const alert = $("p1-alert");
  alert.hidden = false;
  alert.innerHTML = `<strong>New priority 1:</strong> ${escapeHtml(incident.title)} <button type="button">Open</button>`;
  alert.querySelector("button")!.addEventListener("click", () => {
    alert.hidden = true;
    selectIncident(incident.id, true);
  });
  document.body.classList.add("flash");
  setTimeout(() => document.body.classList.remove("flash"), 3000);
  beeper.beep();
}

// ---- map drawing --------------------------------------------------------------------------------------------------

function drawAlarm(a: Alarm): void {
  let marker = alarmMarkers.get(a.id);
  if (a.state === "Cleared") {
    if (marker) groups.alarms!.removeLayer(marker);
    alarmMarkers.delete(a.id);
    return;
  }
  const color = a.state === "Active" ? "#dc2626" : "#d97706";
  if (!marker) {
    marker = L.circleMarker([a.location.lat, a.location.lon], { renderer: base.renderer, radius: 9, weight: 3, fill: false });
    marker.on("click", () => openAlarmSource(a));
    alarmMarkers.set(a.id, marker);
    groups.alarms!.addLayer(marker);
  }
  marker.setStyle({ color });
  marker.bindTooltip(`Alarm #${a.id} ${a.severity} · ${a.ruleId} · ${a.state}`);
}

function drawIncident(i: Incident): void {
  let marker = incidentMarkers.get(i.id);
  if (!isOpen(i)) {
    if (marker) groups.incidents!.removeLayer(marker);
    incidentMarkers.delete(i.id);
    return;
  }
  if (!marker) {
    marker = L.circleMarker([i.location.lat, i.location.lon], { renderer: base.renderer, weight: 2, color: "#111827", fillOpacity: 0.9 });
    marker.on("click", () => selectIncident(i.id, true));
    incidentMarkers.set(i.id, marker);
    groups.incidents!.addLayer(marker);
  }
  marker.setStyle({ fillColor: priorityColor[i.priority] ?? "#4b5563", radius: 14 - i.priority * 1.5 });
  marker.bindTooltip(`#${i.id} P${i.priority} ${escapeHtml(i.title)} · ${i.status}`);
}

const unitMotion = new UnitMotion((id, at) => unitMarkers.get(id)?.setLatLng([at.lat, at.lon]));

function drawUnit(u: Unit, previous?: Unit): void {
  let marker = unitMarkers.get(u.id);
  if (!marker) {
    marker = L.circleMarker([u.location.lat, u.location.lon], { renderer: base.renderer, radius: 6, weight: 2, color: "#ffffff", fillOpacity: 1 });
    unitMarkers.set(u.id, marker);
    groups.units!.addLayer(marker);
  }
  const shown = marker.getLatLng();
  unitMotion.move(u.id, { lat: shown.lat, lon: shown.lng }, u.location, glideDuration(previous?.updatedAt, u.updatedAt));
  marker.setStyle({ fillColor: unitColor[u.status] ?? "#4b5563" });
  marker.bindTooltip(`${escapeHtml(u.callSign)} (${u.kind}) · ${u.status}`);
}

function drawReport(r: Report): void {
  let marker = reportMarkers.get(r.ticket);
  const open = ["Received", "InReview", "InProgress"].includes(r.status);
  if (!open || !r.location) {
    if (marker) groups.reports!.removeLayer(marker);
    reportMarkers.delete(r.ticket);
    return;
  }
  if (!marker) {
    marker = L.circleMarker([r.location.lat, r.location.lon], { renderer: base.renderer, radius: 7, weight: 2, color: "#0f766e", fillColor: "#99f6e4", fillOpacity: 0.9, dashArray: "2 2" });
    marker.on("click", () => openReport(r.ticket));
    reportMarkers.set(r.ticket, marker);
    groups.reports!.addLayer(marker);
  }
  marker.bindTooltip(`Report ${r.ticket} · ${r.category} · ${r.status}`);
}

/** 0 without open alarms, 1 with only acknowledged ones, 2 with an active one: an index into deviceColours. */
function deviceColour(deviceId: string): number {
  let worst = 0;
  for (const a of alarms.values()) {
    if (a.deviceId !== deviceId || a.state === "Cleared") continue;
    worst = Math.max(worst, a.state === "Active" ? 2 : 1);
  }
  return worst;
}

function recolourDevice(deviceId: string): void {
  const i = deviceIndex.get(deviceId);
  if (i === undefined) return;
  pointLayer.setColour(i, deviceColour(deviceId));
  pointLayer.redraw();
}

function recolourDevices(): void {
  const state = new Map<string, number>();
  for (const a of alarms.values()) {
    if (a.state === "Cleared" || !a.deviceId) continue;
    state.set(a.deviceId, Math.max(state.get(a.deviceId) ?? 0, a.state === "Active" ? 2 : 1));
  }
  for (let i = 0; i < deviceMap.ids.length; i++) pointLayer.setColour(i, state.get(deviceMap.ids[i]!) ?? 0);
  pointLayer.redraw();
}

function applyFilters(): void {
  const agency = $<HTMLSelectElement>("filter-agency").value;
  const kind = $<HTMLSelectElement>("filter-kind").value;
  const agencyAt = agency ? deviceMap.agencies.indexOf(agency) : -1;
  const kindAt = kind ? deviceMap.kinds.indexOf(kind) : -1;
  for (let i = 0; i < deviceMap.ids.length; i++) {
    pointLayer.setVisible(i, (agencyAt < 0 || deviceMap.agency[i] === agencyAt) && (kindAt < 0 || deviceMap.kind[i] === kindAt));
  }
  pointLayer.redraw();
}

$("filter-agency").addEventListener("change", applyFilters);
let coverage: CoverageLayer | undefined;
function refreshCoverage(): void {
  const box = $<HTMLInputElement>("coverage-toggle");
  coverage ??= new CoverageLayer(base.map, $("coverage-summary"));
  if (box.checked) void coverage.show($<HTMLSelectElement>("filter-agency").value);
  else coverage.hide();
}
$("coverage-toggle").addEventListener("change", refreshCoverage);
let cameraLayer: CameraLayer | undefined;
$("cameras-toggle").addEventListener("change", () => {
  cameraLayer ??= new CameraLayer(base.map, base.renderer, $("cameras-summary"), (c) => void renderCameraPanel(c));
  if ($<HTMLInputElement>("cameras-toggle").checked) void cameraLayer.show();
  else cameraLayer.hide();
});

/** A camera's recent behaviour events: class, local track number, zone and measure; never an image or an identity. */
async function renderCameraPanel(camera: Camera): Promise<void> {
  const panel = openPanel("camera", camera.id, `<h2>Camera ${escapeHtml(camera.name)}</h2><p class="meta">${camera.configured ? `${camera.zones.length} zones · ${camera.ruleCount} rules${camera.calibrated ? "" : " · not calibrated"}` : "not configured"}</p><h3>Recent events</h3><ol class="camera-events"><li class="meta">Loading…</li></ol>`);
  let events: CameraEvent[] = [];
  try {
    events = await api<CameraEvent[]>(`/api/v1/cameras/${encodeURIComponent(camera.id)}/events?limit=30`);
  } catch (e) {
    panelError((e as Error).message);
  }
  if (panelKind !== "camera" || panelKey !== camera.id) return;
  panel.querySelector(".camera-events")!.innerHTML = events.length
    ? events.map((e) => `<li${e.alarmed ? ' class="alarmed"' : ""}>${clock(e.time)} ${escapeHtml(cameraEventText(e))}</li>`).join("")
    : `<li class="meta">No events yet.</li>`;
}
$("filter-agency").addEventListener("change", () => {
  if ($<HTMLInputElement>("coverage-toggle").checked) refreshCoverage();
});
$("filter-kind").addEventListener("change", applyFilters);
document.querySelectorAll<HTMLInputElement>("[data-layer]").forEach((box) =>
  box.addEventListener("change", () => {
    const name = box.dataset.layer!;
    const layer = name === "districts" ? base.districts : name === "streets" ? base.streets : name === "devices" ? pointLayer : groups[name];
    if (!layer) return;
    if (box.checked) layer.addTo(base.map);
    else layer.remove();
  }),
);

// ---- lists --------------------------------------------------------------------------------------------------------

function matches(...texts: Array<string | number | undefined>): boolean {
  if (!search) return true;
  return texts.some((t) => t !== undefined && String(t).toLowerCase().includes(search));
}

function renderAll(): void {
  renderQueue();
  renderAlarms();
  renderReports();
}

const queueRows = 150;

function currentQueue(): Incident[] {
  return orderQueue(incidents.values()).filter((i) => matches(i.id, i.title, i.type, i.status));
}

function renderQueue(): void {
  const queue = currentQueue();
  $("count-incidents").textContent = String(queue.length);
  const now = Date.now();
  // A thousand rows of running timers cost the page a layout every second; an operator reads the top of the queue,
  // so it shows the first rows (and the selected incident wherever it is) with a count of the rest.
  const shown = queue.slice(0, queueRows);
  const selected = queue.findIndex((i) => i.id === selectedIncident);
  if (selected >= queueRows) shown.push(queue[selected]!);
  const items = shown.map((i) => {
    const li = document.createElement("li");
    li.className = `item p${i.priority}${i.id === selectedIncident ? " selected" : ""}`;
    li.dataset.id = String(i.id);
    li.tabIndex = -1;
    li.setAttribute("aria-selected", String(i.id === selectedIncident));
    li.innerHTML = `<span class="badge p${i.priority}" title="Priority ${i.priority}">P${i.priority}</span>
      <span class="title">${escapeHtml(i.title)}</span>
      <span class="meta">#${i.id} · ${escapeHtml(i.type)} · <span class="status s-${i.status}">${i.status}</span></span>
      <span class="timer" data-since="${i.createdAt}" title="Time since created">${elapsed(i.createdAt, now)}</span>`;
    li.addEventListener("click", () => selectIncident(i.id, true));
    return li;
  });
  if (queue.length > shown.length) {
    const more = document.createElement("li");
    more.className = "empty";
    more.textContent = `${queue.length - shown.length} more lower in the queue: search to find one, or j/k to move through them.`;
    items.push(more);
  }
  $("queue").replaceChildren(...items);
  if (items.length === 0) $("queue").innerHTML = `<li class="empty">No open incidents.</li>`;
}

/**
 * A cleared alarm leaves the list at once; for an outbreak alarm that cleared itself, the analysts are also told, for a
 * minute above the list, that the excess is over (and why), so that it does not just vanish.
 */
let excessOverTimer: ReturnType<typeof setTimeout> | undefined;
function showExcessOver(html: string): void {
  let note = document.getElementById("excess-over");
  if (!note) {
    note = document.createElement("p");
    note.id = "excess-over";
    note.className = "meta";
    note.setAttribute("role", "status");
    $("alarms").before(note);
  }
  note.innerHTML = html;
  note.hidden = false;
  clearTimeout(excessOverTimer);
  excessOverTimer = setTimeout(() => (note.hidden = true), 60_000);
}

function renderAlarms(): void {
  const list = [...alarms.values()]
    .filter((a) => a.state !== "Cleared" && matches(a.id, a.deviceId, a.ruleId, a.severity, a.outbreak?.syndrome, a.outbreak?.district))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  $("count-alarms").textContent = String(list.filter((a) => a.state === "Active").length);
  const items = list.slice(0, 500).map((a) => {
    const li = document.createElement("li");
    li.className = `item alarm ${a.state.toLowerCase()}${a.outbreak ? " outbreak" : ""}`;
    li.dataset.alarm = String(a.id);
    const summary = alarmSummary(a);
    li.innerHTML = `<span class="badge sev-${a.severity}">${a.severity}</span>
      <span class="title">${summary.title}</span>
      <span class="meta">#${a.id} · ${a.state} · raised ${clock(a.raisedAt)}${a.escalations ? ` · escalated ×${a.escalations}` : ""}${summary.detail}</span>`;
    if (a.state === "Active") {
      const ack = document.createElement("button");
      ack.type = "button";
      ack.textContent = "Acknowledge";
      ack.className = "ack";
      ack.addEventListener("click", (e) => {
        e.stopPropagation();
        void acknowledgeAlarm(a.id);
      });
      li.append(ack);
    }
    li.addEventListener("click", () => openAlarmSource(a));
    return li;
  });
  $("alarms").replaceChildren(...items);
  if (items.length === 0) $("alarms").innerHTML = `<li class="empty">No active alarms.</li>`;
}

/** A device alarm opens its device; an outbreak alarm, which has none, shows the district's centre on the map. */
function openAlarmSource(a: Alarm): void {
  if (a.deviceId) openDevice(a.deviceId);
  else base.map.panTo([a.location.lat, a.location.lon]);
}

function severityRank(s: string): number {
  return ({ Critical: 3, Major: 2, Minor: 1 } as Record<string, number>)[s] ?? 0;
}

function renderReports(): void {
  const list = triageQueue(reports.values(), (r) => matches(r.ticket, r.category, r.description, r.locationText));
  $("count-reports").textContent = String(list.length);
  const items = list.map((r) => {
    const li = document.createElement("li");
    li.className = "item report";
    li.dataset.ticket = r.ticket;
    li.innerHTML = `<span class="badge report">${escapeHtml(r.category)}</span>
      <span class="title">${escapeHtml(r.description.slice(0, 90))}</span>
      <span class="meta">${r.ticket} · ${r.status} · ${clock(r.createdAt)}</span>`;
    li.addEventListener("click", () => openReport(r.ticket));
    return li;
  });
  $("reports").replaceChildren(...items);
  if (items.length === 0) $("reports").innerHTML = `<li class="empty">No open reports from residents.</li>`;
}

function tick(): void {
  const now = Date.now();
  document.querySelectorAll<HTMLElement>(".timer[data-since]").forEach((el) => (el.textContent = elapsed(el.dataset.since!, now)));
}

function showTab(name: string): void {
  document.querySelectorAll<HTMLButtonElement>("[data-tab]").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
  document.querySelectorAll<HTMLElement>("[data-tab-panel]").forEach((p) => (p.hidden = p.dataset.tabPanel !== name));
}

document.querySelectorAll<HTMLButtonElement>("[data-tab]").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab!)));
$<HTMLInputElement>("search").addEventListener("input", (e) => {
  search = (e.target as HTMLInputElement).value.trim().toLowerCase();
  renderAll();
});
$<HTMLInputElement>("search").addEventListener("keydown", (e) => {
  if (e.key === "Enter") {
    const value = (e.target as HTMLInputElement).value.trim();
    if (deviceIndex.has(value)) openDevice(value);
    else if (reports.has(value.toUpperCase())) openReport(value.toUpperCase());
  }
  if (e.key === "Escape") (e.target as HTMLInputElement).blur();
});

// ---- incident panel -----------------------------------------------------------------------------------------------

function selectIncident(id: number | undefined, open: boolean): void {
  selectedIncident = id;
  showTab("incidents");
  renderQueue();
  const li = document.querySelector<HTMLElement>(`#queue li[data-id="${id}"]`);
  li?.scrollIntoView({ block: "nearest" });
  if (open && id !== undefined) {
    const incident = incidents.get(id);
    if (incident) {
      base.map.panTo([incident.location.lat, incident.location.lon]);
      renderIncidentPanel(incident);
    }
  }
}

function openPanel(kind: typeof panelKind, key: string | number, html: string): HTMLElement {
  panelKind = kind;
  panelKey = key;
  const panel = $("panel");
  panel.hidden = false;
  panel.innerHTML = `<button type="button" class="close" aria-label="Close details">×</button>${html}<p class="error" role="alert"></p>`;
  panel.querySelector(".close")!.addEventListener("click", closePanel);
  return panel;
}

function closePanel(): void {
  $("panel").hidden = true;
  routeOverlay?.clear();
  panelKind = undefined;
  panelKey = undefined;
}

function panelError(message: string): void {
  const el = $("panel").querySelector(".error");
  if (el) el.textContent = message;
}

async function run(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (e) {
    panelError((e as Error).message);
  }
}

// Alarms that have cleared are not in the live list (which holds open ones for the map), but an incident's panel
// still lists them: fetched once on demand and kept apart so they never appear on the map.
const closedAlarms = new Map<number, Alarm>();
const requestedAlarms = new Set<number>();

async function loadClosedAlarms(incidentId: number, ids: number[]): Promise<void> {
  const fetched = await Promise.all(ids.map((id) => api<Alarm>(`/api/v1/alarms/${id}`).catch(() => undefined)));
  let added = false;
  for (const a of fetched) {
    if (a && !closedAlarms.has(a.id)) {
      closedAlarms.set(a.id, a);
      added = true;
    }
  }
  const current = incidents.get(incidentId);
  if (added && selectedIncident === incidentId) renderIncidentPanel(current);
}

function renderIncidentPanel(incident: Incident | undefined): void {
  if (!incident) return;
  const sop = procedures.get(incident.type);
  const done = sopProgress(incident.timeline);
  const linked = incident.alarmIds.map((id) => alarms.get(id) ?? closedAlarms.get(id)).filter((a): a is Alarm => a !== undefined);
  const missing = incident.alarmIds.filter((id) => !alarms.has(id) && !requestedAlarms.has(id));
  for (const id of missing) requestedAlarms.add(id);
  if (missing.length > 0) void loadClosedAlarms(incident.id, missing);
  const available = [...units.values()]
    .filter((u) => u.status === "Available")
    .sort((a, b) => distance(a.location, incident.location) - distance(b.location, incident.location));
  const next: Array<[string, string]> = [];
  if (incident.status === "New") next.push(["Acknowledged", "Acknowledge"]);
  if (["New", "Acknowledged", "Dispatched"].includes(incident.status)) next.push(["OnScene", "On scene"]);
  if (isOpen(incident)) next.push(["Resolved", "Resolve"]);
  if (incident.status === "Resolved") next.push(["Acknowledged", "Reopen"], ["Closed", "Close"]);
  const panel = openPanel("incident", incident.id, `
    <h2><span class="badge p${incident.priority}">P${incident.priority}</span> ${escapeHtml(incident.title)}</h2>
    <p class="meta">#${incident.id} · ${escapeHtml(incident.type)} · <span class="status s-${incident.status}">${incident.status}</span> ·
      open <span class="timer" data-since="${incident.createdAt}">${elapsed(incident.createdAt, Date.now())}</span> · source ${escapeHtml(incident.source)}</p>
    <div class="actions">${next.map(([s, label]) => `<button type="button" data-status="${s}">${label}</button>`).join("")}</div>
    <h3>Dispatch</h3>
    <p class="meta">Assigned: ${incident.unitIds.length ? incident.unitIds.map((u) => escapeHtml(units.get(u)?.callSign ?? u)).join(", ") : "none"}</p>
    <div id="recommend" aria-live="polite"><p class="meta">Ranking units by travel time…</p></div>
    <div id="hospitals" aria-live="polite"></div>
    <div class="row">
      <label for="dispatch-unit" class="visually-hidden">Unit</label>
      <select id="dispatch-unit">${available.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.callSign)} · ${u.kind} · ${(distance(u.location, incident.location) / 1000).toFixed(1)} km</option>`).join("")}</select>
      <button type="button" id="dispatch" ${available.length ? "" : "disabled"}>Dispatch</button>
    </div>
    ${sop ? `<h3>Procedure: ${escapeHtml(sop.title)}</h3><ol class="sop">${sop.steps.map((s, n) => `<li><label><input type="checkbox" data-step="${n}" ${done.has(s) ? "checked disabled" : ""}/> ${escapeHtml(s)}</label></li>`).join("")}</ol>` : `<p class="meta">No standard procedure for type “${escapeHtml(incident.type)}”.</p>`}
    <h3>Linked alarms (${linked.length})</h3>
    <ul class="plain">${linked.map((a) => `<li>#${a.id} ${a.severity} ${alarmSummary(a).title} · ${a.state}
      ${a.state === "Active" ? `<button type="button" data-ack="${a.id}">Acknowledge</button>` : ""}</li>`).join("") || "<li>None</li>"}</ul>
    <h3>Add a note</h3>
    <form id="note-form" class="row"><label for="note" class="visually-hidden">Note</label><input id="note" maxlength="4000" placeholder="What happened, who called…" /><button type="submit">Add</button></form>
    <h3>Timeline</h3>
    <ol class="timeline">${[...incident.timeline].reverse().map((t) => `<li><time>${clock(t.at)}</time> <span class="kind">${escapeHtml(t.kind)}</span> ${escapeHtml(t.text)} <span class="actor">— ${escapeHtml(t.actor)}</span></li>`).join("")}</ol>`);
  panel.querySelectorAll<HTMLButtonElement>("[data-status]").forEach((b) =>
    b.addEventListener("click", () => run(() => api(`/api/v1/incidents/${incident.id}/transition`, { method: "POST", json: { status: b.dataset.status } }))));
  panel.querySelector("#dispatch")?.addEventListener("click", () => {
    const unitId = panel.querySelector<HTMLSelectElement>("#dispatch-unit")!.value;
    void run(() => api(`/api/v1/incidents/${incident.id}/units`, { method: "POST", json: { unitId } }));
  });
  panel.querySelectorAll<HTMLButtonElement>("[data-ack]").forEach((b) => b.addEventListener("click", () => run(() => acknowledgeAlarm(Number(b.dataset.ack)))));
  void showRecommendations(panel, incident);
  panel.querySelectorAll<HTMLInputElement>("[data-step]").forEach((box) =>
    box.addEventListener("change", () => {
      const step = sop!.steps[Number(box.dataset.step)]!;
      box.disabled = true;
      void run(() => api(`/api/v1/incidents/${incident.id}/notes`, { method: "POST", json: { text: sopNote(step) } }));
    }));
  panel.querySelector("#note-form")!.addEventListener("submit", (e) => {
    e.preventDefault();
    const input = panel.querySelector<HTMLInputElement>("#note")!;
    const text = input.value.trim();
    if (!text) return;
    void run(async () => {
      await api(`/api/v1/incidents/${incident.id}/notes`, { method: "POST", json: { text } });
      input.value = "";
    });
  });
}

function distance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return L.latLng(a.lat, a.lon).distanceTo(L.latLng(b.lat, b.lon));
}

async function acknowledgeAlarm(id: number): Promise<void> {
  const updated = await api<Alarm>(`/api/v1/alarms/${id}/acknowledge`, { method: "POST" });
  apply("alarm.acknowledged", { alarm: updated }, false);
}

/** "a": acknowledge the selected incident and every active alarm linked to it. */
async function acknowledgeSelected(): Promise<void> {
  const incident = selectedIncident === undefined ? undefined : incidents.get(selectedIncident);
  if (!incident) return;
  await run(async () => {
    for (const id of incident.alarmIds) if (alarms.get(id)?.state === "Active") await acknowledgeAlarm(id);
    if (incident.status === "New") await api(`/api/v1/incidents/${incident.id}/transition`, { method: "POST", json: { status: "Acknowledged" } });
  });
}

async function showRecommendations(panel: HTMLElement, incident: Incident): Promise<void> {
  const rec = await recommendations(incident.id);
  const box = panel.querySelector<HTMLElement>("#recommend");
  if (!box || selectedIncident !== incident.id) return;
  box.innerHTML = recommendationsHtml(rec);
  routeOverlay?.show(rec?.units[0]);
  box.querySelectorAll<HTMLButtonElement>("[data-route]").forEach((b) =>
    b.addEventListener("click", () => routeOverlay?.show(rec?.units.find((u) => u.rank === Number(b.dataset.route)))));
  box.querySelectorAll<HTMLButtonElement>("[data-send]").forEach((b) =>
    b.addEventListener("click", () => {
      forgetRecommendations();
      void run(() => api(`/api/v1/incidents/${incident.id}/dispatch`, { method: "POST", json: { unitId: b.dataset.send } }));
    }));
  if (wantsHospitals(incident.type, rec?.suitableKinds)) void showHospitals(panel, incident);
}

async function showHospitals(panel: HTMLElement, incident: Incident): Promise<void> {
  const ranking = await nearestHospitals(incident.id);
  const box = panel.querySelector<HTMLElement>("#hospitals");
  if (!box || selectedIncident !== incident.id) return;
  box.innerHTML = hospitalsHtml(ranking);
}

async function dispatchNearest(): Promise<void> {
  const incident = selectedIncident === undefined ? undefined : incidents.get(selectedIncident);
  if (!incident) return;
  // The unit that arrives first, by road, when the server can route; otherwise the nearest as the crow flies.
  const best = (await recommendations(incident.id))?.units[0];
  if (best) {
    forgetRecommendations();
    await run(() => api(`/api/v1/incidents/${incident.id}/dispatch`, { method: "POST", json: { unitId: best.unit.id } }));
    return;
  }
  const nearest = [...units.values()].filter((u) => u.status === "Available").sort((a, b) => distance(a.location, incident.location) - distance(b.location, incident.location))[0];
  if (nearest) await run(() => api(`/api/v1/incidents/${incident.id}/units`, { method: "POST", json: { unitId: nearest.id } }));
}

// ---- device and report panels -------------------------------------------------------------------------------------

function openDevice(id: string): void {
  const cached = deviceDetails.get(id);
  if (cached) {
    showDevice(cached);
    return;
  }
  void api<Device>(`/api/v1/devices/${encodeURIComponent(id)}`)
    .then((device) => {
      deviceDetails.set(id, device);
      showDevice(device);
    })
    .catch((e) => panelError((e as Error).message));
}

function showDevice(device: Device): void {
  const id = device.id;
  const deviceAlarms = [...alarms.values()].filter((a) => a.deviceId === id && a.state !== "Cleared");
  const panel = openPanel("device", id, `
    <h2>${escapeHtml(device.name)}</h2>
    <p class="meta">${escapeHtml(device.id)} · ${device.kind} · ${escapeHtml(device.agencyId)}</p>
    <p class="meta">${deviceAlarms.length ? deviceAlarms.map((a) => `Alarm #${a.id} ${a.severity} ${a.state}`).join("; ") : "No open alarms."}</p>
    <label for="chart-quantity">Quantity</label>
    <select id="chart-quantity">${device.quantities.map((q) => `<option>${escapeHtml(q.name)}</option>`).join("")}</select>
    <h3>Last 24 hours</h3>
    <div id="chart" class="chart" aria-label="Chart of the last 24 hours">Loading…</div>`);
  const select = panel.querySelector<HTMLSelectElement>("#chart-quantity")!;
  const draw = () => void drawDeviceChart(panel.querySelector<HTMLElement>("#chart")!, device, select.value).catch((e) => panelError((e as Error).message));
  select.addEventListener("change", draw);
  draw();
  base.map.panTo([device.location.lat, device.location.lon]);
}

function openReport(ticket: string): void {
  const r = reports.get(ticket);
  if (!r) return;
  renderReportPanel(r);
  if (r.location) base.map.panTo([r.location.lat, r.location.lon]);
}

function renderReportPanel(r: Report): void {
  const panel = openPanel("report", r.ticket, `
    <h2>Report ${r.ticket}</h2>
    <p class="meta">${escapeHtml(r.category)} · <strong>${r.status}</strong> · received ${clock(r.createdAt)}</p>
    <p class="description">${escapeHtml(r.description)}</p>
    <p class="meta">Where: ${r.location ? `${r.location.lat.toFixed(5)}, ${r.location.lon.toFixed(5)}` : ""} ${escapeHtml(r.locationText ?? "")}</p>
    ${r.hasContact ? `<p class="meta" id="report-contact"><button type="button" id="show-contact">Show contact details</button> (the opening is audited)</p>` : `<p class="meta">No contact details.</p>`}
    ${r.hasPhoto ? `<img class="photo" alt="Photo sent with the report" src="/api/v1/reports/${encodeURIComponent(r.ticket)}/photo" />` : ""}
    ${r.statusNote ? `<p class="meta">Note to resident: ${escapeHtml(r.statusNote)}</p>` : ""}
    ${r.incidentId ? `<p class="meta">Incident #${r.incidentId}</p>` : ""}
    <h3>Update</h3>
    <label for="report-note">Note the resident will see (optional)</label>
    <input id="report-note" maxlength="1000" />
    <div class="actions">
      <button type="button" data-report-status="InReview">In review</button>
      <button type="button" data-report-status="InProgress">In progress</button>
      <button type="button" data-report-status="Resolved">Resolved</button>
      <button type="button" data-report-status="Dismissed">Dismiss</button>
      ${r.location && !r.incidentId ? `<button type="button" id="report-incident">Open an incident</button>` : ""}
    </div>
    <div class="row">
      <label for="report-link">Link to incident #</label>
      <input id="report-link" type="number" min="1" />
      <button type="button" id="report-link-go">Link</button>
    </div>
    ${r.duplicateOf ? `<p class="meta">Merged into ${escapeHtml(r.duplicateOf)}</p>` : `<h3>Possible duplicates</h3><ul id="report-duplicates" class="list"><li class="empty">Looking…</li></ul>`}`);
  panel.querySelector("#show-contact")?.addEventListener("click", () => run(async () => {
    const c = await api<ContactDetails>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/contact`);
    panel.querySelector("#report-contact")!.textContent = `Contact: ${[c.name, c.email, c.phone].filter(Boolean).join(" · ")}`;
  }));
  panel.querySelector("#report-link-go")?.addEventListener("click", () => run(async () => {
    const id = Number(panel.querySelector<HTMLInputElement>("#report-link")!.value);
    const note = panel.querySelector<HTMLInputElement>("#report-note")!.value.trim();
    const updated = await api<Report>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/status`, {
      method: "POST", json: { status: "InProgress", incidentId: id, note: note || "Responders are working on it." },
    });
    apply("report.updated", { report: updated }, false);
  }));
  if (!r.duplicateOf) void loadDuplicates(panel, r);
  panel.querySelectorAll<HTMLButtonElement>("[data-report-status]").forEach((b) =>
    b.addEventListener("click", () => run(async () => {
      const note = panel.querySelector<HTMLInputElement>("#report-note")!.value.trim();
      const updated = await api<Report>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/status`, { method: "POST", json: { status: b.dataset.reportStatus, note: note || undefined } });
      apply("report.updated", { report: updated }, false);
    })));
  panel.querySelector("#report-incident")?.addEventListener("click", () => run(async () => {
    const incident = await api<Incident>("/api/v1/incidents", {
      method: "POST",
      json: { type: reportIncidentType(r.category), priority: 3, location: r.location, title: `Resident report: ${r.category}`, note: `${r.ticket}: ${r.description}` },
    });
    const updated = await api<Report>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/status`, {
      method: "POST", json: { status: "InProgress", incidentId: incident.id, note: "Responders have been informed." },
    });
    apply("report.updated", { report: updated }, false);
    selectIncident(incident.id, true);
  }));
}

async function loadDuplicates(panel: HTMLElement, r: Report): Promise<void> {
  const list = panel.querySelector<HTMLElement>("#report-duplicates");
  if (!list) return;
  const found = await api<DuplicateSuggestion[]>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/duplicates`).catch(() => [] as DuplicateSuggestion[]);
  if (found.length === 0) {
    list.innerHTML = `<li class="empty">None nearby in the last days.</li>`;
    return;
  }
  list.replaceChildren(...found.map((d) => {
    const li = document.createElement("li");
    li.className = "item";
    li.dataset.duplicate = d.ticket;
    li.innerHTML = `<span class="title">${escapeHtml(d.ticket)}</span> <span class="meta">${escapeHtml(duplicateEvidence(d))}</span>
      <button type="button" data-merge="${escapeHtml(d.ticket)}">Merge this report into it</button>`;
    li.querySelector("button")!.addEventListener("click", () => run(async () => {
      const merged = await api<Report>(`/api/v1/reports/${encodeURIComponent(r.ticket)}/merge`, { method: "POST", json: { into: d.ticket } });
      apply("report.updated", { report: merged }, false);
    }));
    return li;
  }));
}

function reportIncidentType(category: string): string {
  return ({ "fire-or-smoke": "fire", flooding: "flood", "air-quality": "pollution", "power-outage": "power-fault" } as Record<string, string>)[category] ?? category;
}

// ---- keyboard -----------------------------------------------------------------------------------------------------

function updateMuteButton(): void {
  const button = $("mute");
  button.textContent = beeper.muted ? "Sound off" : "Sound on";
  button.setAttribute("aria-pressed", String(beeper.muted));
}

$("mute").addEventListener("click", () => {
  beeper.unlock();
  beeper.toggle();
  updateMuteButton();
});

function toggleShortcuts(show: boolean): void {
  $("shortcuts").hidden = !show;
  if (show) $("shortcuts-close").focus();
}

$("help").addEventListener("click", () => toggleShortcuts(true));
$("shortcuts-close").addEventListener("click", () => toggleShortcuts(false));

document.addEventListener("keydown", (e) => {
  // A guard's console has no queues to move through or alarms to acknowledge: the desk's shortcuts are off there.
  if (!started || isGuardToursOnly(me.role) || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  const typing = target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
  if (e.key === "Escape") {
    if (!$("shortcuts").hidden) toggleShortcuts(false);
    else closePanel();
    return;
  }
  if (typing) return;
  beeper.unlock();
  switch (e.key) {
    case "j":
    case "k":
      selectIncident(moveSelection(currentQueue(), selectedIncident, e.key === "j" ? 1 : -1), false);
      break;
    case "Enter":
      if (selectedIncident !== undefined && target.tagName !== "BUTTON") selectIncident(selectedIncident, true);
      else return;
      break;
    case "a":
      void acknowledgeSelected();
      break;
    case "d":
      void dispatchNearest();
      break;
    case "/":
      $<HTMLInputElement>("search").focus();
      break;
    case "?":
      toggleShortcuts(true);
      break;
    case "m":
      beeper.toggle();
      updateMuteButton();
      break;
    case "1":
      showTab("incidents");
      break;
    case "2":
      showTab("alarms");
      break;
    case "3":
      showTab("reports");
      break;
    default:
      return;
  }
  e.preventDefault();
});

void boot();
