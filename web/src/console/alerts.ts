import L from "leaflet";
import { api, ApiError, escapeHtml } from "../shared/api";
import type { Geo } from "../shared/types";
import { areaProblem, areaRequest, distanceKm, fromCap, type DrawnArea } from "./alertArea";

/** A public warning as GET /api/v1/alerts lists it (src/Vigil.Platform/Contracts/AlertView.cs). */
export interface AlertSummary {
  id: string;
  msgType: string;
  status: "Pending" | "Issued" | "Cancelled" | "Superseded";
  category: string;
  severity: string;
  urgency: string;
  certainty: string;
  texts: { language: string; event: string; headline: string; description: string; instruction?: string }[];
  areas: { description: string; polygons: string[]; circles: string[] }[];
  updateOf?: string;
  expires?: string;
  author: string;
  draftedAt: string;
  approvedBy?: string;
  incidentId?: number;
}

export interface AlertsPanelOptions {
  map: L.Map;
  me: { userName: string; role: string };
  /** The incident the operator has selected, whose location becomes the alert area's centre. */
  incident: () => { id: number; title: string; location: Geo } | undefined;
}

const canDraft = ["Admin", "Operator", "Dispatcher"];
const canApprove = ["Admin", "Operator"];

const severityColour: Record<string, string> = { Extreme: "#7f1d1d", Severe: "#b91c1c", Moderate: "#9a3412", Minor: "#1e40af" };

/**
 * The public-warning desk in the console: draft a CAP alert for an area drawn on the map (a circle or a polygon; by
 * default a circle around the selected incident or the map's centre), update an issued alert, see drafts awaiting
 * approval, approve another person's draft, and cancel an issued alert. A native dialog, so focus, Escape and screen
 * readers behave without extra code. Every console user sees the areas of the alerts in force on the map.
 */
export function mountAlertsPanel(options: AlertsPanelOptions): void {
  const activeLayer = L.geoJSON(undefined, {
    style: (f) => ({ color: severityColour[f?.properties?.severity] ?? "#374151", weight: 2, dashArray: "6 4", fillOpacity: 0.08 }),
    onEachFeature: (f, layer) => layer.bindTooltip(`Public alert: ${escapeHtml(f.properties?.headline ?? "")} (${escapeHtml(f.properties?.severity ?? "")})`),
  }).addTo(options.map);
  const loadActive = async () => {
    const geo = await api<GeoJSON.FeatureCollection>("/api/v1/public/alerts").catch(() => undefined);
    if (!geo) return;
    activeLayer.clearLayers();
    activeLayer.addData(geo);
  };
  void loadActive();
  // Alerts change rarely; a minute keeps the layer current without a feed subscription of its own.
  setInterval(() => void loadActive(), 60_000);
  if (!canDraft.includes(options.me.role) && !canApprove.includes(options.me.role)) return;
  const dialog = document.createElement("dialog");
  dialog.className = "alerts-dialog";
  dialog.setAttribute("aria-labelledby", "alerts-title");
  dialog.innerHTML = `<h2 id="alerts-title">Public alerts</h2>
    <button type="button" class="alerts-close" aria-label="Close">×</button>
    <section aria-labelledby="alerts-pending-title"><h3 id="alerts-pending-title">Awaiting approval</h3><ul id="alerts-pending" class="alerts-rows"></ul></section>
    <section aria-labelledby="alerts-active-title"><h3 id="alerts-active-title">Issued</h3><ul id="alerts-active" class="alerts-rows"></ul></section>
    <form id="alerts-form" novalidate ${canDraft.includes(options.me.role) ? "" : "hidden"}>
      <h3 id="alerts-form-title">Draft an alert</h3>
      <label>Event <input name="event" required maxlength="100" placeholder="Chemical Release" /></label>
      <label>Category ${select("category", ["Safety", "Fire", "CBRNE", "Health", "Env", "Met", "Geo", "Transport", "Infra", "Security", "Rescue", "Other"])}</label>
      <label>Urgency ${select("urgency", ["Immediate", "Expected", "Future", "Past", "Unknown"])}</label>
      <label>Severity ${select("severity", ["", "Extreme", "Severe", "Moderate", "Minor", "Unknown"])}</label>
      <label>Certainty ${select("certainty", ["Observed", "Likely", "Possible", "Unlikely", "Unknown"])}</label>
      <label>Headline <input name="headline" required maxlength="139" /></label>
      <label>Description <textarea name="description" rows="3" required maxlength="4000"></textarea></label>
      <label>What residents should do <textarea name="instruction" rows="2" maxlength="2000"></textarea></label>
      <label>Area name <input name="areaDescription" required maxlength="200" /></label>
      <fieldset class="alerts-area"><legend>Area</legend>
        <p id="alerts-area-text" class="meta" aria-live="polite"></p>
        <div class="row"><button type="button" id="alerts-draw-circle">Draw a circle on the map</button>
        <button type="button" id="alerts-draw-polygon">Draw a polygon on the map</button></div>
      </fieldset>
      <p id="alerts-error" class="error" role="alert"></p>
      <div class="row"><button type="submit" id="alerts-submit">Submit for approval</button>
      <button type="button" id="alerts-new" hidden>Draft a new alert instead</button></div>
    </form>`;
  document.body.append(dialog);

  const open = document.createElement("button");
  open.type = "button";
  open.textContent = "Public alerts";
  open.title = "Draft, approve and cancel public warnings";
  const help = document.getElementById("help");
  help?.parentElement?.insertBefore(open, help);

  const form = dialog.querySelector<HTMLFormElement>("#alerts-form")!;
  const error = dialog.querySelector<HTMLElement>("#alerts-error")!;
  let area: DrawnArea | undefined;
  let incidentId: number | undefined;
  let updating: string | undefined;
  let list: AlertSummary[] = [];
  const areaText = dialog.querySelector<HTMLElement>("#alerts-area-text")!;

  const describeArea = (origin?: string) => {
    areaText.textContent = !area ? "No area yet."
      : area.kind === "circle"
        ? `A circle of ${area.radiusKm.toFixed(2)} km around ${area.centre.lat.toFixed(4)}, ${area.centre.lon.toFixed(4)}${origin ? ` (${origin})` : ""}.`
        : `A polygon with ${area.corners.length} corners.`;
  };

  const startNew = () => {
    updating = undefined;
    form.reset();
    const incident = options.incident();
    const c = options.map.getCenter();
    incidentId = incident?.id;
    area = { kind: "circle", centre: incident ? incident.location : { lat: c.lat, lon: c.lng }, radiusKm: 1 };
    describeArea(incident ? `incident #${incident.id}, ${incident.title}` : "the map's centre; select an incident or draw to change it");
    dialog.querySelector("#alerts-form-title")!.textContent = "Draft an alert";
    dialog.querySelector("#alerts-submit")!.textContent = "Submit for approval";
    dialog.querySelector<HTMLElement>("#alerts-new")!.hidden = true;
  };

  open.addEventListener("click", () => {
    if (!updating) startNew();
    dialog.showModal();
    void refresh();
  });
  dialog.querySelector("#alerts-new")!.addEventListener("click", startNew);

  // ---- drawing on the map: the dialog steps aside, clicks on the map draw, a toolbar finishes or abandons --------
  const toolbar = document.createElement("div");
  toolbar.className = "alerts-draw-bar";
  toolbar.setAttribute("role", "status");
  toolbar.hidden = true;
  toolbar.innerHTML = `<span id="alerts-draw-hint"></span> <button type="button" data-draw="finish">Finish</button> <button type="button" data-draw="abandon">Cancel</button>`;
  document.body.append(toolbar);
  let drawing: { kind: "circle" | "polygon"; centre?: Geo; radiusKm?: number; corners: Geo[]; preview?: L.Layer } | undefined;

  const redrawPreview = () => {
    if (!drawing) return;
    drawing.preview?.remove();
    const style = { color: "#7c3aed", weight: 3, fillOpacity: 0.15 };
    const latlng = (g: Geo) => L.latLng(g.lat, g.lon);
    drawing.preview = drawing.kind === "circle"
      ? drawing.centre ? L.circle(latlng(drawing.centre), { ...style, radius: (drawing.radiusKm ?? 0) * 1000 }) : undefined
      : drawing.corners.length > 2 ? L.polygon(drawing.corners.map(latlng), style) : L.polyline(drawing.corners.map(latlng), style);
    drawing.preview?.addTo(options.map);
    toolbar.querySelector("#alerts-draw-hint")!.textContent = drawing.kind === "circle"
      ? drawing.centre ? `Radius ${(drawing.radiusKm ?? 0).toFixed(2)} km: click again to change the edge, then Finish.` : "Click the centre of the area."
      : `Click the corners of the area (${drawing.corners.length} so far), then Finish.`;
  };

  const onMapClick = (e: L.LeafletMouseEvent) => {
    if (!drawing) return;
    const at = { lat: e.latlng.lat, lon: e.latlng.lng };
    if (drawing.kind === "polygon") drawing.corners.push(at);
    else if (!drawing.centre) drawing.centre = at;
    else drawing.radiusKm = distanceKm(drawing.centre, at);
    redrawPreview();
  };

  const stopDrawing = (keep: boolean) => {
    if (!drawing) return;
    if (keep) {
      const drawn: DrawnArea = drawing.kind === "circle"
        ? { kind: "circle", centre: drawing.centre ?? { lat: 0, lon: 0 }, radiusKm: drawing.radiusKm ?? 0 }
        : { kind: "polygon", corners: drawing.corners };
      const problem = drawing.kind === "circle" && !drawing.centre ? "Click the centre of the area first." : areaProblem(drawn);
      if (problem) {
        toolbar.querySelector("#alerts-draw-hint")!.textContent = problem;
        return;
      }
      area = drawn;
      describeArea("drawn on the map");
    }
    drawing.preview?.remove();
    drawing = undefined;
    toolbar.hidden = true;
    options.map.off("click", onMapClick);
    options.map.doubleClickZoom.enable();
    dialog.showModal();
  };

  for (const kind of ["circle", "polygon"] as const) {
    dialog.querySelector(`#alerts-draw-${kind}`)!.addEventListener("click", () => {
      drawing = { kind, corners: [] };
      dialog.close();
      toolbar.hidden = false;
      options.map.doubleClickZoom.disable();
      options.map.on("click", onMapClick);
      redrawPreview();
    });
  }
  toolbar.addEventListener("click", (e) => {
    const action = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-draw]")?.dataset.draw;
    if (action) stopDrawing(action === "finish");
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && drawing) stopDrawing(false);
  });
  dialog.querySelector(".alerts-close")!.addEventListener("click", () => dialog.close());

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const problem = areaProblem(area);
    if (problem) {
      error.textContent = problem;
      return;
    }
    try {
      await api(updating ? `/api/v1/alerts/${encodeURIComponent(updating)}/update` : "/api/v1/alerts", {
        method: "POST",
        json: {
          event: text("event"),
          category: text("category"),
          urgency: text("urgency"),
          severity: text("severity"),
          certainty: text("certainty"),
          headline: text("headline"),
          description: text("description"),
          instruction: text("instruction") || undefined,
          area: areaRequest(text("areaDescription"), area!),
          incidentId,
        },
      });
      startNew();
      await refresh();
    } catch (err) {
      error.textContent = `Not drafted: ${(err as Error).message}`;
    }
  });

  // An update starts from the alert in force: its texts, classification and area, ready to change.
  const edit = (id: string) => {
    const a = list.find((x) => x.id === id);
    if (!a) return;
    updating = id;
    incidentId = a.incidentId;
    const t = a.texts[0];
    const set = (name: string, value: string | undefined) => {
      const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
      if (field) field.value = value ?? "";
    };
    set("event", t?.event);
    set("category", a.category);
    set("urgency", a.urgency);
    set("severity", a.severity);
    set("certainty", a.certainty);
    set("headline", t?.headline);
    set("description", t?.description);
    set("instruction", t?.instruction);
    set("areaDescription", a.areas[0]?.description);
    area = a.areas[0] ? fromCap(a.areas[0].polygons, a.areas[0].circles) : undefined;
    describeArea("the area in force");
    dialog.querySelector("#alerts-form-title")!.textContent = `Update: ${t?.headline ?? id}`;
    dialog.querySelector("#alerts-submit")!.textContent = "Submit update for approval";
    dialog.querySelector<HTMLElement>("#alerts-new")!.hidden = false;
    form.querySelector<HTMLElement>("[name=headline]")?.focus();
  };

  dialog.addEventListener("click", async (e) => {
    const editButton = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-edit]");
    if (editButton) {
      edit(editButton.dataset.edit!);
      return;
    }
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-action]");
    if (!button) return;
    button.disabled = true;
    try {
      await api(`/api/v1/alerts/${encodeURIComponent(button.dataset.id!)}/${button.dataset.action}`, { method: "POST", json: {} });
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 409 ? err.message : `Failed: ${(err as Error).message}`;
    }
    await refresh();
  });

  async function refresh(): Promise<void> {
    list = await api<AlertSummary[]>("/api/v1/alerts?limit=200").catch(() => [] as AlertSummary[]);
    void loadActive();
    const now = Date.now();
    const pending = list.filter((a) => a.status === "Pending");
    const active = list.filter((a) => a.status === "Issued" && a.msgType !== "Cancel" && (!a.expires || Date.parse(a.expires) > now));
    const approver = canApprove.includes(options.me.role);
    dialog.querySelector("#alerts-pending")!.innerHTML = pending.map((a) => row(a, approver && a.author !== options.me.userName
      ? `<button type="button" data-action="approve" data-id="${escapeHtml(a.id)}">Approve and publish</button>`
      : `<span class="meta">${a.author === options.me.userName ? "drafted by you: another person approves" : "a supervisor approves"}</span>`)).join("")
      || `<li class="meta">No drafts are waiting.</li>`;
    const drafter = canDraft.includes(options.me.role);
    dialog.querySelector("#alerts-active")!.innerHTML = active.map((a) => row(a,
      (drafter ? `<button type="button" data-edit="${escapeHtml(a.id)}">Update</button> ` : "")
      + (approver ? `<button type="button" data-action="cancel" data-id="${escapeHtml(a.id)}">Cancel alert</button>` : ""))).join("")
      || `<li class="meta">No alerts are in force.</li>`;
  }
}

function row(a: AlertSummary, action: string): string {
  const t = a.texts[0];
  return `<li><strong>${escapeHtml(a.severity)}</strong> · ${a.msgType === "Update" ? "Update: " : ""}${escapeHtml(t?.headline ?? a.id)}
    <span class="meta">${escapeHtml(a.areas[0]?.description ?? "")} · by ${escapeHtml(a.author)}${a.incidentId ? ` · incident #${a.incidentId}` : ""}</span> ${action}</li>`;
}

/** An empty value shows as "Choose…", so that a choice with consequences (severity) is never left at a default. */
function select(name: string, values: string[]): string {
  return `<select name="${name}">${values.map((v) => `<option value="${v}">${v || "Choose…"}</option>`).join("")}</select>`;
}
