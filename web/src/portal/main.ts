import L from "leaflet";
import "./portal.css";
import { api, ApiError, escapeHtml } from "../shared/api";
import { createBaseMap, type BaseMap } from "../shared/baseMap";
import { loadAlerts } from "./alerts";
import { guides } from "./guides";
import { forgetTicket, loadTickets, orderForDisplay, rememberTicket } from "./myReports";
import { showSubscribe } from "./subscribe";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface DistrictAir {
  name: string;
  pm25?: number;
  sensors: number;
  aqi?: number;
  category?: string;
  color?: string;
}

interface PublicReport {
  ticket: string;
  category: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  statusNote?: string;
  location?: { lat: number; lon: number };
}

const statusText: Record<string, string> = {
  Received: "Received — waiting for an operator to read it",
  InReview: "Being reviewed by an operator",
  InProgress: "In progress — someone is dealing with it",
  Resolved: "Resolved",
  Dismissed: "Closed without action",
};

const categoryText: Record<string, string> = {
  "fire-or-smoke": "Fire or smoke",
  flooding: "Flooding",
  "air-quality": "Bad air or smell",
  "power-outage": "Power cut",
  "road-hazard": "Road hazard",
  "water-leak": "Water leak",
  noise: "Noise",
  "damaged-infrastructure": "Damaged street, sign or light",
  other: "Something else",
  "suspicious-activity": "Suspicious activity (goes to police only)",
};

// ---- navigation: one page, sections by hash, so the back button and shared links work ----------------------------

let airMap: BaseMap | undefined;
let reportMap: BaseMap | undefined;

async function show(): Promise<void> {
  const name = location.hash.replace("#", "") || "map";
  document.querySelectorAll<HTMLElement>("[data-section]").forEach((s) => (s.hidden = s.dataset.section !== name));
  document.querySelectorAll<HTMLAnchorElement>("[data-nav]").forEach((a) => a.toggleAttribute("aria-current", a.dataset.nav === name));
  if (name === "map") {
    airMap ??= await createBaseMap($("public-map"), { districtFill: true });
    airMap.map.invalidateSize();
    await Promise.all([loadAlerts($("alerts"), airMap), loadAir()]);
  } else if (name === "subscribe") {
    await showSubscribe(() => createBaseMap($("subscribe-map")));
  } else if (name === "report" && !reportMap) {
    reportMap = await createBaseMap($("report-map"));
    reportMap.map.on("click", (e: L.LeafletMouseEvent) => pick(e.latlng));
  } else if (name === "report") {
    reportMap?.map.invalidateSize();
  } else if (name === "mine") {
    await renderMine();
  }
}

window.addEventListener("hashchange", () => void show());

// ---- alerts and air quality ---------------------------------------------------------------------------------------

async function loadAir(): Promise<void> {
  try {
    const air = await api<{ updatedAt: string; basis: string; districts: DistrictAir[] }>("/api/v1/public/air-quality");
    $("aq-basis").textContent = `${air.basis}. Updated ${new Date(air.updatedAt).toLocaleTimeString()}.`;
    $("aq-rows").innerHTML = air.districts.map((d) => `<tr>
      <th scope="row">${escapeHtml(d.name)}</th>
      <td>${d.pm25 ?? "—"}</td>
      <td>${d.category ? `<span class="aq-swatch" style="background:${d.color}"></span>${escapeHtml(d.category)} (AQI ${d.aqi})` : "No recent readings"}</td>
      <td>${d.sensors}</td></tr>`).join("") || `<tr><td colspan="4">No districts are mapped yet.</td></tr>`;
    for (const d of air.districts) {
      const layer = airMap?.districtLayers.get(d.name);
      layer?.setStyle({ fillColor: d.color ?? "#9ca3af", fillOpacity: d.color ? 0.45 : 0.1, dashArray: "" });
      layer?.setTooltipContent(`${escapeHtml(d.name)}: ${d.category ?? "no recent readings"}${d.pm25 !== undefined ? ` (PM2.5 ${d.pm25} µg/m³)` : ""}`);
    }
  } catch (e) {
    $("aq-basis").textContent = `Air quality is unavailable right now (${(e as Error).message}).`;
  }
}

// ---- report a problem ---------------------------------------------------------------------------------------------

let picked: L.LatLng | undefined;
let pin: L.CircleMarker | undefined;

function pick(at: L.LatLng): void {
  picked = at;
  if (!reportMap) return;
  pin ??= L.circleMarker(at, { renderer: reportMap.renderer, radius: 9, color: "#b91c1c", weight: 3, fillOpacity: 0.4 }).addTo(reportMap.map);
  pin.setLatLng(at);
  $("picked").textContent = `Point chosen: ${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}.`;
}

async function loadCategories(): Promise<void> {
  const categories = await api<string[]>("/api/v1/public/report-categories").catch(() => Object.keys(categoryText));
  const select = $<HTMLSelectElement>("category");
  select.add(new Option("Choose…", ""));
  for (const c of categories) select.add(new Option(categoryText[c] ?? c, c));
}

function readPhoto(file: File): Promise<{ contentType: string; data: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ contentType: file.type, data: String(reader.result) });
    reader.onerror = () => reject(new Error("The photo could not be read."));
    reader.readAsDataURL(file);
  });
}

$("report-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const error = $("report-error");
  error.textContent = "";
  const category = $<HTMLSelectElement>("category").value;
  const description = $<HTMLTextAreaElement>("description").value.trim();
  const locationText = $<HTMLInputElement>("location-text").value.trim();
  const file = $<HTMLInputElement>("photo").files?.[0];
  if (!category) return fail("category", "Choose what the problem is.");
  if (!description) return fail("description", "Describe the problem.");
  if (!picked && !locationText) return fail("location-text", "Tap the map or type where the problem is.");
  if (file && file.size > 5 * 1024 * 1024) return fail("photo", "The photo is larger than 5 MB.");
  const button = (e.target as HTMLFormElement).querySelector<HTMLButtonElement>("button[type=submit]")!;
  button.disabled = true;
  try {
    const report = await api<PublicReport>("/api/v1/public/reports", {
      method: "POST",
      json: {
        category,
        description,
        location: picked ? { lat: picked.lat, lon: picked.lng } : undefined,
        locationText: locationText || undefined,
        contact: contactDetails(),
        photo: file ? await readPhoto(file) : undefined,
      },
    });
    rememberTicket(localStorage, report.ticket, new Date());
    $("report-form").hidden = true;
    const done = $("report-done");
    done.hidden = false;
    done.innerHTML = `<h3>Thank you — your report was received.</h3>
      <p>Your ticket number is</p><p class="ticket" id="ticket-number">${escapeHtml(report.ticket)}</p>
      <p>Keep it to check the status under <a href="#track">Track a report</a>; this device also lists it under <a href="#mine">My reports</a>.</p>
      <button type="button" id="another">Report another problem</button>`;
    done.focus();
    $("another").addEventListener("click", () => location.reload());
  } catch (err) {
    const message = err instanceof ApiError && err.status === 429 ? "Too many reports from this connection; please wait a minute." : (err as Error).message;
    error.textContent = `The report was not sent: ${message}`;
  } finally {
    button.disabled = false;
  }

  function fail(field: string, message: string): void {
    error.textContent = message;
    $(field).focus();
  }
});

function contactDetails(): { name?: string; email?: string; phone?: string } | undefined {
  const name = $<HTMLInputElement>("contact-name").value.trim();
  const email = $<HTMLInputElement>("contact-email").value.trim();
  const phone = $<HTMLInputElement>("contact-phone").value.trim();
  return name || email || phone ? { name: name || undefined, email: email || undefined, phone: phone || undefined } : undefined;
}

$<HTMLSelectElement>("category").addEventListener("change", (e) => {
  $("anonymous-note").hidden = (e.target as HTMLSelectElement).value !== "suspicious-activity";
});

// ---- track a report -----------------------------------------------------------------------------------------------

$("track-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const result = $("track-result");
  result.hidden = false;
  try {
    const report = await api<PublicReport>(`/api/v1/public/reports/${encodeURIComponent($<HTMLInputElement>("ticket").value.trim())}`);
    result.innerHTML = `<h3>${escapeHtml(report.ticket)}</h3>
      <p><strong>${escapeHtml(statusText[report.status] ?? report.status)}</strong></p>
      <p class="meta">${escapeHtml(categoryText[report.category] ?? report.category)} · sent ${new Date(report.createdAt).toLocaleString()} · last update ${new Date(report.updatedAt).toLocaleString()}</p>
      ${report.statusNote ? `<p>Message from the operators: ${escapeHtml(report.statusNote)}</p>` : ""}
      ${report.status === "Resolved" ? `<form id="reopen-form">
        <label for="reopen-reason">Not fixed? Tell us what is still wrong and we will look again.</label>
        <input id="reopen-reason" maxlength="1000" required />
        <button type="submit">Reopen the report</button>
      </form>` : ""}`;
    result.querySelector("#reopen-form")?.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        await api<PublicReport>(`/api/v1/public/reports/${encodeURIComponent(report.ticket)}/reopen`, {
          method: "POST", json: { reason: $<HTMLInputElement>("reopen-reason").value.trim() },
        });
        $("track-form").dispatchEvent(new Event("submit", { cancelable: true }));
      } catch (reopenErr) {
        result.insertAdjacentHTML("beforeend", `<p class="error">${escapeHtml((reopenErr as Error).message)}</p>`);
      }
    });
  } catch (err) {
    result.innerHTML = `<p class="error">${err instanceof ApiError && err.status === 404 ? "No report has this ticket number. Check it and try again." : escapeHtml((err as Error).message)}</p>`;
  }
});

// ---- my reports: the tickets this browser filed, looked up one by one -------------------------------------------------

interface MineRow {
  ticket: string;
  report?: PublicReport;
  missing?: boolean;
  error?: string;
  status?: string;
  updatedAt?: string;
}

async function renderMine(): Promise<void> {
  const list = $("mine-list");
  const saved = loadTickets(localStorage);
  if (saved.length === 0) {
    list.innerHTML = `<li class="card">No reports from this device yet. <a href="#report">Report a problem</a> and it will be listed here.</li>`;
    return;
  }

  list.setAttribute("aria-busy", "true");
  const rows: MineRow[] = await Promise.all(saved.map(async ({ ticket }): Promise<MineRow> => {
    try {
      const report = await api<PublicReport>(`/api/v1/public/reports/${encodeURIComponent(ticket)}`);
      return { ticket, report, status: report.status, updatedAt: report.updatedAt };
    } catch (err) {
      return err instanceof ApiError && err.status === 404 ? { ticket, missing: true } : { ticket, error: (err as Error).message };
    }
  }));
  list.innerHTML = orderForDisplay(rows).map((row) => `<li class="card" data-ticket="${escapeHtml(row.ticket)}">
      <h3>${escapeHtml(row.ticket)}</h3>
      ${row.report ? `<p><strong>${escapeHtml(statusText[row.report.status] ?? row.report.status)}</strong></p>
        <p class="meta">${escapeHtml(categoryText[row.report.category] ?? row.report.category)} · sent ${new Date(row.report.createdAt).toLocaleString()} · last update ${new Date(row.report.updatedAt).toLocaleString()}</p>
        ${row.report.statusNote ? `<p>Message from the operators: ${escapeHtml(row.report.statusNote)}</p>` : ""}`
      : `<p class="meta">${row.missing ? "This report is no longer on record." : `The status could not be loaded (${escapeHtml(row.error ?? "")}).`}</p>`}
      <button type="button" data-forget="${escapeHtml(row.ticket)}" aria-label="Forget ${escapeHtml(row.ticket)} on this device">Forget</button>
    </li>`).join("");
  list.removeAttribute("aria-busy");
}

$("mine-list").addEventListener("click", (e) => {
  const ticket = (e.target as HTMLElement).closest<HTMLButtonElement>("button[data-forget]")?.dataset.forget;
  if (!ticket) return;
  forgetTicket(localStorage, ticket);
  void renderMine().then(() => $("mine-title").focus());
});

$("mine-refresh").addEventListener("click", () => void renderMine());

// ---- guides -------------------------------------------------------------------------------------------------------

function renderGuides(): void {
  $("guides").innerHTML = guides.map((g) => `<article class="guide" id="guide-${g.id}" aria-labelledby="guide-${g.id}-title">
    <h3 id="guide-${g.id}-title">${escapeHtml(g.title)}</h3>
    <p>${escapeHtml(g.intro)}</p>
    <h4>Before</h4><ul>${g.before.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>
    <h4>During</h4><ul>${g.during.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>
    ${g.after ? `<h4>After</h4><ul>${g.after.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>` : ""}
  </article>`).join("");
}

async function start(): Promise<void> {
  renderGuides();
  const last = loadTickets(localStorage)[0]?.ticket;
  if (last) $<HTMLInputElement>("ticket").value = last;
  await loadCategories();
  await show();
  $("main").dataset.ready = "true";
  // Warnings change while the page is open; a minute is soon enough for residents and light on the server.
  setInterval(() => {
    if (airMap && !$("section-map").hidden) void loadAlerts($("alerts"), airMap);
  }, 60_000);
}

void start();
