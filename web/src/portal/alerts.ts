import L from "leaflet";
import { api, escapeHtml } from "../shared/api";
import type { BaseMap } from "../shared/baseMap";

/** One area of an active public warning, as GET /api/v1/public/alerts serves it (GeoJSON, [lon, lat]). */
interface AlertProperties {
  id: string;
  event?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  severity: string;
  urgency: string;
  areaDesc: string;
  sent?: string;
  expires?: string;
  cap: string;
  circle?: { lat: number; lon: number; radiusKm: number };
}

type AlertFeature = GeoJSON.Feature<GeoJSON.MultiPolygon, AlertProperties>;

// Colour is never the only cue: the list and the tooltips name the severity in words. Each stroke colour has at least
// 4.5:1 contrast against white, so the badges (white text) stay readable.
const severityStyle: Record<string, { color: string; label: string }> = {
  Extreme: { color: "#7f1d1d", label: "Extreme — danger to life" },
  Severe: { color: "#b91c1c", label: "Severe" },
  Moderate: { color: "#9a3412", label: "Moderate" },
  Minor: { color: "#1e40af", label: "Minor" },
};

const unknownSeverity = { color: "#374151", label: "Severity not known" };
const style = (severity: string | undefined) => (severity ? severityStyle[severity] : undefined) ?? unknownSeverity;

let layer: L.GeoJSON | undefined;
const boundsById = new Map<string, L.LatLngBounds>();

/**
 * Draws the active public warnings on the portal map and lists them, headline first, with what to do. The list is the
 * keyboard path to the map: each entry's button zooms to its area.
 */
export async function loadAlerts(container: HTMLElement, map: BaseMap | undefined): Promise<void> {
  let features: AlertFeature[];
  try {
    const collection = await api<GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, AlertProperties>>("/api/v1/public/alerts");
    features = collection.features as AlertFeature[];
  } catch (e) {
    container.innerHTML = `<h3>Public alerts</h3>
      <p class="error">Alerts cannot be loaded right now (${escapeHtml((e as Error).message)}). Follow official channels (radio,
      phone alerts) for warnings. If life is at risk, call the emergency number.</p>`;
    return;
  }

  drawOnMap(features, map);
  // One entry per alert, however many areas it has.
  const alerts = [...new Map(features.map((f) => [f.properties.id, f] as const)).values()];
  if (alerts.length === 0) {
    container.innerHTML = `<h3>Public alerts</h3><p>No public alerts are in force for the city right now.</p>`;
    return;
  }

  container.innerHTML = `<h3>Public alerts in force (${alerts.length})</h3>
    <ul class="alert-list">${alerts.map((f) => entry(f.properties)).join("")}</ul>`;
  container.querySelectorAll<HTMLButtonElement>("button[data-alert]").forEach((button) =>
    button.addEventListener("click", () => {
      const bounds = boundsById.get(button.dataset.alert!);
      if (bounds && map) {
        map.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
        map.map.getContainer().scrollIntoView({ block: "nearest" });
      }
    }),
  );
}

function entry(p: AlertProperties): string {
  const s = style(p.severity);
  return `<li class="alert-item" style="border-left-color:${s.color}">
    <h4><span class="alert-severity" style="background:${s.color}">${escapeHtml(s.label)}</span> ${escapeHtml(p.headline ?? p.event ?? "Alert")}</h4>
    <p class="meta">${escapeHtml(p.event ?? "")} · ${escapeHtml(p.areaDesc)}${p.expires ? ` · until ${escapeHtml(new Date(p.expires).toLocaleString())}` : ""}</p>
    ${p.instruction ? `<p class="alert-instruction"><strong>What to do:</strong> ${escapeHtml(p.instruction)}</p>` : ""}
    ${p.description ? `<p>${escapeHtml(p.description)}</p>` : ""}
    <p><button type="button" data-alert="${escapeHtml(p.id)}">Show the area on the map</button>
      <a href="${escapeHtml(p.cap)}" class="meta">CAP message</a></p>
  </li>`;
}

function drawOnMap(features: AlertFeature[], map: BaseMap | undefined): void {
  if (!map) return;
  layer?.remove();
  boundsById.clear();
  layer = L.geoJSON(undefined, {
    style: (f) => ({ renderer: map.renderer, color: style(f?.properties.severity).color, weight: 3, fillColor: style(f?.properties.severity).color, fillOpacity: 0.22 }),
    onEachFeature: (f: AlertFeature, path) => {
      const p = f.properties;
      path.bindTooltip(`${escapeHtml(style(p.severity).label)}: ${escapeHtml(p.headline ?? p.event ?? "Alert")}`, { sticky: true });
      path.bindPopup(`<strong>${escapeHtml(p.headline ?? p.event ?? "Alert")}</strong>
        <br>${escapeHtml(style(p.severity).label)} · ${escapeHtml(p.areaDesc)}
        ${p.instruction ? `<br><strong>What to do:</strong> ${escapeHtml(p.instruction)}` : ""}`);
      const bounds = (path as L.Polygon).getBounds();
      const known = boundsById.get(p.id);
      boundsById.set(p.id, known ? known.extend(bounds) : bounds);
    },
  });
  for (const f of features) layer.addData(f);
  layer.addTo(map.map);
}
