import L from "leaflet";
import { api, ApiError, escapeHtml } from "../shared/api";
import type { BaseMap } from "../shared/baseMap";
import { subscriptionArea, type AreaMode } from "./subscriptionArea";

interface Subscription {
  id: number;
  name: string;
  area: { point?: { lat: number; lon: number }; radiusKm?: number; polygon?: { lat: number; lon: number }[] };
  createdAt: string;
}

interface InboxAlert {
  id: string;
  msgType: string;
  severity: string;
  sent?: string;
  expires?: string;
  texts: { language: string; headline: string; description: string; instruction?: string }[];
}

// Tokens stay on this device only: the server keeps their hashes, so a lost token cannot be recovered, only replaced.
const storageKey = "vigil.subscriptions";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let map: BaseMap | undefined;
let point: L.LatLng | undefined;
const corners: L.LatLng[] = [];
let drawn: L.Layer | undefined;

function saved(): { token: string; name: string }[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? "[]");
  } catch {
    return [];
  }
}

function save(list: { token: string; name: string }[]): void {
  localStorage.setItem(storageKey, JSON.stringify(list));
}

const mode = (): AreaMode => ($<HTMLInputElement>("sub-mode-polygon").checked ? "polygon" : "point");
const radius = (): number => Number($<HTMLSelectElement>("sub-radius").value);

/** Redraws the chosen place: a pin with its circle, or the corners tapped so far joined into an area. */
function redraw(): void {
  if (!map) return;
  drawn?.remove();
  const style = { renderer: map.renderer, color: "#1e40af", weight: 3, fillOpacity: 0.15 };
  if (mode() === "point" && point) {
    drawn = radius() > 0 ? L.circle(point, { ...style, radius: radius() * 1000 }) : L.circleMarker(point, { ...style, radius: 9 });
  } else if (mode() === "polygon" && corners.length > 0) {
    drawn = corners.length > 2 ? L.polygon(corners, style) : L.polyline(corners, style);
  } else {
    drawn = undefined;
  }
  drawn?.addTo(map.map);
  const area = subscriptionArea(mode(), point, radius(), corners);
  $("sub-picked").textContent = typeof area === "string" ? area
    : mode() === "point" ? `Place chosen: ${point!.lat.toFixed(5)}, ${point!.lng.toFixed(5)}${radius() > 0 ? `, within ${radius()} km` : ""}.`
    : `Area with ${corners.length} corners.`;
  $("sub-radius-row").hidden = mode() !== "point";
  $("sub-clear").hidden = mode() !== "polygon";
}

/** The subscribe page: choose a place or draw an area, subscribe, and read each saved subscription's inbox. */
export async function showSubscribe(create: () => Promise<BaseMap>): Promise<void> {
  if (!map) {
    map = await create();
    map.map.on("click", (e: L.LeafletMouseEvent) => {
      if (mode() === "point") point = e.latlng;
      else corners.push(e.latlng);
      redraw();
    });
    for (const id of ["sub-mode-point", "sub-mode-polygon", "sub-radius"]) $(id).addEventListener("change", redraw);
    $("sub-clear").addEventListener("click", () => {
      corners.length = 0;
      redraw();
    });
    $("subscribe-form").addEventListener("submit", (e) => void subscribe(e));
    $("open-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const token = $<HTMLInputElement>("open-token").value.trim();
      if (token && !saved().some((s) => s.token === token)) save([...saved(), { token, name: "Subscription" }]);
      void renderInboxes();
    });
    redraw();
  }
  map.map.invalidateSize();
  await renderInboxes();
}

async function subscribe(e: Event): Promise<void> {
  e.preventDefault();
  const error = $("sub-error");
  error.textContent = "";
  const area = subscriptionArea(mode(), point, radius(), corners);
  if (typeof area === "string") {
    error.textContent = area;
    return;
  }
  const name = $<HTMLInputElement>("sub-name").value.trim() || "My area";
  try {
    const result = await api<{ token: string; subscription: Subscription }>("/api/v1/public/subscriptions", { method: "POST", json: { name, area } });
    save([...saved(), { token: result.token, name }]);
    $("sub-done").hidden = false;
    $("sub-done").innerHTML = `<p>Subscribed. Warnings for <strong>${escapeHtml(name)}</strong> will appear below whenever you open this page.</p>
      <p>Your subscription code is <code class="token">${escapeHtml(result.token)}</code>. Keep it to read these warnings on another device.</p>`;
    await renderInboxes();
  } catch (err) {
    error.textContent = err instanceof ApiError && err.status === 429
      ? "Too many requests from this connection; please wait a minute."
      : `Not subscribed: ${(err as Error).message}`;
  }
}

async function renderInboxes(): Promise<void> {
  const list = saved();
  const host = $("inboxes");
  if (list.length === 0) {
    host.innerHTML = `<p class="meta">You have no subscriptions on this device yet.</p>`;
    return;
  }
  const parts = await Promise.all(list.map(async ({ token, name }) => {
    try {
      const inbox = await api<{ subscription: Subscription; alerts: InboxAlert[] }>(`/api/v1/public/subscriptions/${encodeURIComponent(token)}`);
      const items = inbox.alerts.map((a) => {
        const text = a.texts[0];
        const cancelled = a.msgType === "Cancel";
        return `<li class="alert-item"><h4>${cancelled ? "Cancelled: " : ""}${escapeHtml(text?.headline ?? a.id)}</h4>
          <p class="meta">${escapeHtml(a.severity)} · ${a.sent ? new Date(a.sent).toLocaleString() : ""}</p>
          ${text?.instruction && !cancelled ? `<p class="alert-instruction">${escapeHtml(text.instruction)}</p>` : ""}</li>`;
      }).join("");
      return `<article class="card inbox" data-token="${escapeHtml(token)}"><h3>${escapeHtml(inbox.subscription.name)}</h3>
        ${items ? `<ul class="alert-list">${items}</ul>` : `<p class="meta">No warnings for this area so far.</p>`}
        <button type="button" data-unsubscribe="${escapeHtml(token)}">Unsubscribe</button></article>`;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        save(saved().filter((s) => s.token !== token));
        return "";
      }
      return `<article class="card"><h3>${escapeHtml(name)}</h3><p class="error">Unavailable right now (${escapeHtml((err as Error).message)}).</p></article>`;
    }
  }));
  host.innerHTML = parts.join("") || `<p class="meta">You have no subscriptions on this device yet.</p>`;
  host.querySelectorAll<HTMLButtonElement>("[data-unsubscribe]").forEach((b) => b.addEventListener("click", async () => {
    const token = b.dataset.unsubscribe!;
    await api(`/api/v1/public/subscriptions/${encodeURIComponent(token)}`, { method: "DELETE" }).catch(() => undefined);
    save(saved().filter((s) => s.token !== token));
    await renderInboxes();
  }));
}
