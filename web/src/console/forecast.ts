import L from "leaflet";
import "./forecast.css";
import { escapeHtml } from "../shared/api";
import { PatrolLayer } from "./patrolLayer";
import { renderPatrolTable, type PatrolPlan } from "./patrolPlan";

/** One grid cell of GET /api/v1/forecasts: a square polygon with its share of the forecast and its rank. */
interface ForecastFeature {
  id: number;
  properties: { intensity: number; rank: number; hotspot: boolean };
  geometry: { type: "Polygon"; coordinates: [number, number][][] };
}

interface DistrictShare {
  district: string;
  areaShare: number;
  flaggedShare: number;
  incidentShare: number;
  flaggedToIncidentRatio: number | null;
  overTargeted: boolean;
}

export interface ForecastDocument {
  type: "FeatureCollection";
  forecast: {
    category: string;
    categories: string[];
    allowedCategories: string[];
    horizonDays: number;
    origin: string;
    until: string;
    model: string;
    settings: string;
    cellSizeMetres: number;
    cells: number;
    flaggedCells: number;
    incidents: number;
    dataSource: string;
    dataLabel?: string;
    fittedAt: string;
    use: string;
  };
  disparity: { incidentsFrom: string; incidentsUntil: string; incidents: number; overTargetedRatio: number; districts: DistrictShare[] };
  feedbackLoop?: { warning: boolean; message: string };
  audit: { runBy: string; at: string; dataSha256: string };
  features: ForecastFeature[];
}

/** Sequential yellow-orange-red ramp (ColorBrewer YlOrRd), from low to high forecast intensity. */
const RAMP: [number, number, number][] = [
  [255, 255, 178],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/** Colour of a relative intensity t in [0, 1]. */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/**
 * The forecast grid on one canvas: thousands of cells, where one Leaflet polygon each would make panning sluggish.
 * Cells are coloured by intensity relative to the busiest cell; hotspots (the flagged top cells) get a dark outline.
 * Cells below 2 % of the peak are left clear so the base map stays readable (hotspots keep their outline).
 */
export class ForecastLayer extends L.Layer {
  private canvas: HTMLCanvasElement | undefined;
  private cells: ForecastFeature[] = [];
  private peak = 0;

  setCells(cells: ForecastFeature[]): void {
    this.cells = cells;
    this.peak = cells.reduce((m, c) => Math.max(m, c.properties.intensity), 0);
    this.draw();
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide vigil-forecast") as HTMLCanvasElement;
    this.canvas.style.pointerEvents = "none";
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on("moveend zoomend resize viewreset", this.draw, this);
    this.draw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("moveend zoomend resize viewreset", this.draw, this);
    this.canvas?.remove();
    this.canvas = undefined;
    return this;
  }

  private draw(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    const ctx = canvas.getContext("2d");
    if (!ctx || this.peak <= 0) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const bounds = map.getBounds().pad(0.05);
    const hotspots = new Path2D();
    ctx.globalAlpha = 0.6;
    for (const cell of this.cells) {
      const t = cell.properties.intensity / this.peak;
      if (t < 0.02 && !cell.properties.hotspot) continue;
      const ring = cell.geometry.coordinates[0]!;
      const [lon, lat] = ring[0]!;
      if (!bounds.contains([lat, lon])) continue;
      const path = new Path2D();
      ring.forEach(([x, y], i) => {
        const p = map.latLngToContainerPoint([y, x]);
        if (i === 0) path.moveTo(p.x, p.y);
        else path.lineTo(p.x, p.y);
      });
      path.closePath();
      if (t >= 0.02) {
        ctx.fillStyle = rampColor(t);
        ctx.fill(path);
      }
      if (cell.properties.hotspot) hotspots.addPath(path);
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#4a0010";
    ctx.stroke(hotspots);
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}\u00a0%`;

/** The side panel: what was forecast, the legend, the disparity report and the audit line. */
export function renderForecastPanel(doc: ForecastDocument): string {
  const f = doc.forecast;
  const rows = doc.disparity.districts
    .map(
      (d) => `<tr class="${d.overTargeted ? "over" : ""}"><th scope="row">${escapeHtml(d.district)}</th><td>${pct(d.areaShare)}</td><td>${pct(d.flaggedShare)}</td><td>${pct(d.incidentShare)}</td>
        <td>${d.flaggedToIncidentRatio === null ? "no incidents" : d.flaggedToIncidentRatio.toFixed(2)}</td></tr>`,
    )
    .join("");
  const loop = doc.feedbackLoop ? `<p class="${doc.feedbackLoop.warning ? "warn" : "note"}">${doc.feedbackLoop.warning ? "Feedback-loop warning: " : ""}${escapeHtml(doc.feedbackLoop.message)}</p>` : "";
  return `
    <h3>Forecast: ${escapeHtml(f.categories.join(", "))}, ${f.horizonDays} days from ${escapeHtml(f.origin)}</h3>
    ${f.dataLabel ? `<p class="warn">${escapeHtml(f.dataLabel)}</p>` : ""}
    <p class="note">${escapeHtml(f.model)} (${escapeHtml(f.settings)}), ${f.cells} cells of ${Math.round(f.cellSizeMetres)} m, ${f.flaggedCells} flagged, ${f.incidents} incidents</p>
    <div class="forecast-legend"><span>low</span><span class="ramp"></span><span>high</span><span class="hot"></span><span>hotspot</span></div>
    <h4>Disparity report</h4>
    <table class="disparity">
      <thead><tr><th>District</th><th>Area</th><th>Flagged</th><th>Incidents</th><th>Flagged / incidents</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <p class="note">Incidents ${escapeHtml(doc.disparity.incidentsFrom)} to ${escapeHtml(doc.disparity.incidentsUntil)}; highlighted districts are flagged above ${doc.disparity.overTargetedRatio}× their share of incidents.</p>
    ${loop}
    <p class="note">${escapeHtml(f.use)}</p>
    <p class="note">Run by ${escapeHtml(doc.audit.runBy)} at ${escapeHtml(doc.audit.at)}; data SHA-256 ${escapeHtml(doc.audit.dataSha256.slice(0, 12))}…</p>`;
}

/**
 * Adds the forecast heatmap to the console: a "Forecast" toggle with category and horizon in the layers control, the
 * canvas layer, and a panel with the legend and disparity report. The server fits in the background and answers 202
 * with progress until the fit is ready, so the panel polls and shows how far it is.
 */
export function mountForecast(map: L.Map, host: HTMLElement, layers: HTMLElement): void {
  const layer = new ForecastLayer();
  const controls = document.createElement("div");
  controls.className = "forecast-controls";
  controls.innerHTML = `
    <label><input type="checkbox" id="forecast-toggle" /> Forecast</label>
    <select id="forecast-category" aria-label="Forecast category"><option value="">All allowed categories</option></select>
    <select id="forecast-horizon" aria-label="Forecast horizon">
      <option value="7">1 week</option><option value="14">2 weeks</option><option value="30">1 month</option><option value="61">2 months</option><option value="91">3 months</option>
    </select>
    <label>Patrol units <input type="number" id="patrol-units" min="1" max="50" value="4" /></label>
    <label>Loop minutes <input type="number" id="patrol-budget" min="5" max="720" value="60" /></label>`;
  layers.appendChild(controls);
  const panel = document.createElement("aside");
  panel.className = "forecast-panel";
  panel.setAttribute("aria-label", "Forecast and disparity report");
  panel.hidden = true;
  host.appendChild(panel);

  const toggle = controls.querySelector<HTMLInputElement>("#forecast-toggle")!;
  const category = controls.querySelector<HTMLSelectElement>("#forecast-category")!;
  const horizon = controls.querySelector<HTMLSelectElement>("#forecast-horizon")!;
  let request = 0;
  let timer: number | undefined;

  async function load(): Promise<void> {
    const mine = ++request;
    window.clearTimeout(timer);
    if (!toggle.checked) return;
    const query = new URLSearchParams({ horizonDays: horizon.value });
    if (category.value) query.set("category", category.value);
    try {
      const response = await fetch(`/api/v1/forecasts?${query}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (mine !== request) return;
      const body = await response.json().catch(() => ({}));
      if (response.status === 202) {
        panel.innerHTML = `<h3>Forecast</h3><p class="note">Fitting the model: ${escapeHtml(body.stage ?? "")} (${Math.round((body.progress ?? 0) * 100)} %)</p>`;
        timer = window.setTimeout(load, 2000);
        return;
      }
      if (!response.ok) {
        const fields = body.errors ? Object.values(body.errors as Record<string, string[]>).flat().join(" ") : "";
        panel.innerHTML = `<h3>Forecast</h3><p class="error" role="alert">${escapeHtml(fields || body.detail || body.title || `${response.status}`)}</p>`;
        layer.setCells([]);
        return;
      }
      const doc = body as ForecastDocument;
      for (const name of doc.forecast.allowedCategories) {
        if (![...category.options].some((o) => o.value === name)) category.add(new Option(name, name));
      }
      layer.setCells(doc.features);
      panel.innerHTML = renderForecastPanel(doc);
      void loadPatrols(mine, query);
    } catch (e) {
      if (mine === request) panel.innerHTML = `<p class="error" role="alert">${escapeHtml((e as Error).message)}</p>`;
    }
  }

  // The patrol plan for the same forecast, drawn on the map with each district's share of patrol time added to the
  // panel under the disparity report, so the plan's fairness is read beside the forecast's.
  const patrols = new PatrolLayer(map);
  async function loadPatrols(mine: number, query: URLSearchParams): Promise<void> {
    const units = controls.querySelector<HTMLInputElement>("#patrol-units")!.value;
    const budget = controls.querySelector<HTMLInputElement>("#patrol-budget")!.value;
    const patrolQuery = new URLSearchParams(query);
    patrolQuery.set("units", units);
    patrolQuery.set("budgetMinutes", budget);
    const response = await fetch(`/api/v1/forecasts/patrols?${patrolQuery}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (mine !== request) return;
    const body = await response.json().catch(() => ({}));
    const box = document.createElement("section");
    box.className = "patrol-plan";
    if (!response.ok || response.status === 202) {
      const fields = body.errors ? Object.values(body.errors as Record<string, string[]>).flat().join(" ") : "";
      box.innerHTML = `<h4>Patrol plan</h4><p class="error" role="alert">${escapeHtml(fields || body.detail || body.title || "Not ready yet.")}</p>`;
      patrols.clear();
    } else {
      const plan = body as PatrolPlan;
      box.innerHTML = renderPatrolTable(plan);
      patrols.show(plan);
    }
    panel.querySelector(".patrol-plan")?.remove();
    panel.append(box);
  }

  toggle.addEventListener("change", () => {
    if (!toggle.checked) patrols.clear();
    panel.hidden = !toggle.checked;
    if (toggle.checked) {
      layer.addTo(map);
      panel.innerHTML = `<h3>Forecast</h3><p class="note">Loading…</p>`;
      void load();
    } else {
      layer.remove();
      request++;
      window.clearTimeout(timer);
    }
  });
  category.addEventListener("change", () => void load());
  horizon.addEventListener("change", () => void load());
  controls.querySelector("#patrol-units")!.addEventListener("change", () => void load());
  controls.querySelector("#patrol-budget")!.addEventListener("change", () => void load());
}
