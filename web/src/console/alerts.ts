import L from "leaflet";
import { api, ApiError, escapeHtml } from "../shared/api";
import type { Geo } from "../shared/types";

/** A public warning as GET /api/v1/alerts lists it (src/Vigil.Platform/Contracts/AlertView.cs). */
export interface AlertSummary {
  id: string;
  msgType: string;
  status: "Pending" | "Issued" | "Cancelled";
  severity: string;
  urgency: string;
  texts: { language: string; event: string; headline: string; instruction?: string }[];
  areas: { description: string }[];
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

/**
 * The public-warning desk in the console: draft a CAP alert as a circle around the selected incident (or the map's
 * centre), see drafts awaiting approval, approve another person's draft, and cancel an issued alert. A native dialog,
 * so focus, Escape and screen readers behave without extra code.
 */
export function mountAlertsPanel(options: AlertsPanelOptions): void {
  if (!canDraft.includes(options.me.role) && !canApprove.includes(options.me.role)) return;
  const dialog = document.createElement("dialog");
  dialog.className = "alerts-dialog";
  dialog.setAttribute("aria-labelledby", "alerts-title");
  dialog.innerHTML = `<h2 id="alerts-title">Public alerts</h2>
    <button type="button" class="alerts-close" aria-label="Close">×</button>
    <section aria-labelledby="alerts-pending-title"><h3 id="alerts-pending-title">Awaiting approval</h3><ul id="alerts-pending" class="alerts-rows"></ul></section>
    <section aria-labelledby="alerts-active-title"><h3 id="alerts-active-title">Issued</h3><ul id="alerts-active" class="alerts-rows"></ul></section>
    <form id="alerts-form" novalidate ${canDraft.includes(options.me.role) ? "" : "hidden"}>
      <h3>Draft an alert</h3>
      <p id="alerts-centre" class="meta"></p>
      <label>Event <input name="event" required maxlength="100" placeholder="Chemical Release" /></label>
      <label>Category ${select("category", ["Safety", "Fire", "CBRNE", "Health", "Env", "Met", "Geo", "Transport", "Infra", "Security", "Rescue", "Other"])}</label>
      <label>Urgency ${select("urgency", ["Immediate", "Expected", "Future", "Past", "Unknown"])}</label>
      <label>Severity ${select("severity", ["", "Extreme", "Severe", "Moderate", "Minor", "Unknown"])}</label>
      <label>Certainty ${select("certainty", ["Observed", "Likely", "Possible", "Unlikely", "Unknown"])}</label>
      <label>Headline <input name="headline" required maxlength="139" /></label>
      <label>Description <textarea name="description" rows="3" required maxlength="4000"></textarea></label>
      <label>What residents should do <textarea name="instruction" rows="2" maxlength="2000"></textarea></label>
      <label>Area name <input name="areaDescription" required maxlength="200" /></label>
      <label>Radius (km) <input name="radiusKm" type="number" min="0.05" max="100" step="0.05" value="1" required /></label>
      <p id="alerts-error" class="error" role="alert"></p>
      <button type="submit">Submit for approval</button>
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
  let centre: Geo = { lat: 0, lon: 0 };
  let incidentId: number | undefined;

  open.addEventListener("click", () => {
    const incident = options.incident();
    const c = options.map.getCenter();
    centre = incident ? incident.location : { lat: c.lat, lon: c.lng };
    incidentId = incident?.id;
    dialog.querySelector("#alerts-centre")!.textContent = incident
      ? `Area: a circle around incident #${incident.id} (${incident.title}).`
      : `Area: a circle around the map's centre (${centre.lat.toFixed(4)}, ${centre.lon.toFixed(4)}). Select an incident to centre it there.`;
    dialog.showModal();
    void refresh();
  });
  dialog.querySelector(".alerts-close")!.addEventListener("click", () => dialog.close());

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    try {
      await api("/api/v1/alerts", {
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
          area: { description: text("areaDescription"), circle: { lat: centre.lat, lon: centre.lon, radiusKm: Number(text("radiusKm")) } },
          incidentId,
        },
      });
      form.reset();
      await refresh();
    } catch (err) {
      error.textContent = `Not drafted: ${(err as Error).message}`;
    }
  });

  dialog.addEventListener("click", async (e) => {
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
    const list = await api<AlertSummary[]>("/api/v1/alerts?limit=200").catch(() => [] as AlertSummary[]);
    const now = Date.now();
    const pending = list.filter((a) => a.status === "Pending");
    const active = list.filter((a) => a.status === "Issued" && a.msgType !== "Cancel" && (!a.expires || Date.parse(a.expires) > now));
    const approver = canApprove.includes(options.me.role);
    dialog.querySelector("#alerts-pending")!.innerHTML = pending.map((a) => row(a, approver && a.author !== options.me.userName
      ? `<button type="button" data-action="approve" data-id="${escapeHtml(a.id)}">Approve and publish</button>`
      : `<span class="meta">${a.author === options.me.userName ? "drafted by you: another person approves" : "a supervisor approves"}</span>`)).join("")
      || `<li class="meta">No drafts are waiting.</li>`;
    dialog.querySelector("#alerts-active")!.innerHTML = active.map((a) => row(a, approver
      ? `<button type="button" data-action="cancel" data-id="${escapeHtml(a.id)}">Cancel alert</button>` : "")).join("")
      || `<li class="meta">No alerts are in force.</li>`;
  }
}

function row(a: AlertSummary, action: string): string {
  const t = a.texts[0];
  return `<li><strong>${escapeHtml(a.severity)}</strong> · ${escapeHtml(t?.headline ?? a.id)}
    <span class="meta">${escapeHtml(a.areas[0]?.description ?? "")} · by ${escapeHtml(a.author)}${a.incidentId ? ` · incident #${a.incidentId}` : ""}</span> ${action}</li>`;
}

/** An empty value shows as "Choose…", so that a choice with consequences (severity) is never left at a default. */
function select(name: string, values: string[]): string {
  return `<select name="${name}">${values.map((v) => `<option value="${v}">${v || "Choose…"}</option>`).join("")}</select>`;
}
