import L from "leaflet";
import "./guardTours.css";
import { api, ApiError, escapeHtml } from "../shared/api";
import { loopColours } from "./patrolPlan";
import { guardTourRequest, renderGuardTours, tourLines, type Checkpoint, type GuardTourPlan } from "./guardTours";

/**
 * The guard-tour planner for security supervisors: a "Guard tours" toggle in the layers control opens a panel; while
 * it is open, clicks on the map place the start (first) and then checkpoints, each with the dwell and priority set in
 * the panel. "Plan tours" asks the server and draws each guard's tour, on the paths or roads when the server has them.
 */
export function mountGuardTours(map: L.Map, host: HTMLElement, layers: HTMLElement): void {
  const toggleLabel = document.createElement("label");
  toggleLabel.innerHTML = `<input type="checkbox" id="guard-tours-toggle" /> Guard tours`;
  layers.appendChild(toggleLabel);
  const toggle = toggleLabel.querySelector<HTMLInputElement>("input")!;

  const panel = document.createElement("aside");
  panel.className = "guard-panel";
  panel.setAttribute("aria-label", "Guard tours");
  panel.hidden = true;
  panel.innerHTML = `
    <h3>Guard tours</h3>
    <p class="note" id="guard-hint">Click the map to set where the guards start.</p>
    <div class="guard-settings">
      <label>Guards <input type="number" id="guard-count" min="1" max="50" value="2" /></label>
      <label>Shift minutes <input type="number" id="guard-shift" min="5" max="1440" value="120" /></label>
      <label>Dwell minutes <input type="number" id="guard-dwell" min="0" max="240" value="5" /></label>
      <label>Priority <select id="guard-priority"><option value="1">1 routine</option><option value="2">2</option><option value="3">3</option><option value="4">4</option><option value="5">5 first</option></select></label>
      <label>Travel <select id="guard-travel"><option value="">walk where the server has paths</option><option value="walk">walk</option><option value="drive">drive</option></select></label>
    </div>
    <ol id="guard-checkpoints" class="guard-checkpoints" aria-label="Checkpoints"></ol>
    <div class="guard-actions">
      <button type="button" id="guard-plan" class="primary">Plan tours</button>
      <button type="button" id="guard-clear">Clear</button>
    </div>
    <p class="error" role="alert" id="guard-error"></p>
    <section id="guard-result" aria-live="polite"></section>`;
  host.appendChild(panel);

  const $ = <T extends HTMLElement>(id: string) => panel.querySelector<T>(`#${id}`)!;
  const marks = L.layerGroup();
  const tours = L.layerGroup();
  let start: { lat: number; lon: number } | undefined;
  const checkpoints: Checkpoint[] = [];

  function redraw(): void {
    marks.clearLayers();
    if (start) L.circleMarker([start.lat, start.lon], { radius: 8, color: "#111827", weight: 3, fillColor: "#fde047", fillOpacity: 1 }).bindTooltip("Start").addTo(marks);
    checkpoints.forEach((c, i) =>
      L.circleMarker([c.lat, c.lon], { radius: 6, color: "#111827", weight: 2, fillColor: c.priority > 1 ? "#dc2626" : "#ffffff", fillOpacity: 1 })
        .bindTooltip(`${i + 1}. ${c.name}`)
        .addTo(marks),
    );
    $("guard-checkpoints").innerHTML = checkpoints
      .map((c, i) => `<li data-index="${i}">${escapeHtml(c.name)} · ${c.dwellMinutes} min${c.priority > 1 ? ` · P${c.priority}` : ""} <button type="button" class="remove" aria-label="Remove ${escapeHtml(c.name)}">×</button></li>`)
      .join("");
    $("guard-hint").textContent = start ? "Click the map to add checkpoints." : "Click the map to set where the guards start.";
  }

  function onClick(e: L.LeafletMouseEvent): void {
    const at = { lat: Number(e.latlng.lat.toFixed(6)), lon: Number(e.latlng.lng.toFixed(6)) };
    if (!start) start = at;
    else
      checkpoints.push({
        ...at,
        name: `Checkpoint ${checkpoints.length + 1}`,
        dwellMinutes: Number($<HTMLInputElement>("guard-dwell").value),
        priority: Number($<HTMLSelectElement>("guard-priority").value),
      });
    redraw();
  }

  $("guard-checkpoints").addEventListener("click", (e) => {
    const item = (e.target as HTMLElement).closest("li");
    if (!(e.target as HTMLElement).classList.contains("remove") || !item) return;
    checkpoints.splice(Number(item.dataset.index), 1);
    redraw();
  });

  $("guard-clear").addEventListener("click", () => {
    start = undefined;
    checkpoints.length = 0;
    tours.clearLayers();
    $("guard-result").innerHTML = "";
    $("guard-error").textContent = "";
    redraw();
  });

  $("guard-plan").addEventListener("click", async () => {
    $("guard-error").textContent = "";
    if (!start || checkpoints.length === 0) {
      $("guard-error").textContent = "Set a start and at least one checkpoint on the map first.";
      return;
    }
    try {
      const plan = await api<GuardTourPlan>("/api/v1/guard-tours", {
        method: "POST",
        json: guardTourRequest(checkpoints, start, Number($<HTMLInputElement>("guard-count").value), Number($<HTMLInputElement>("guard-shift").value), $<HTMLSelectElement>("guard-travel").value),
      });
      tours.clearLayers();
      for (const line of tourLines(plan)) {
        const colour = loopColours[(line.guard - 1) % loopColours.length]!;
        L.polyline(line.points, { color: colour, weight: 4, dashArray: line.byRoad ? undefined : "6 4", interactive: false }).addTo(tours);
      }
      $("guard-result").innerHTML = renderGuardTours(plan);
      panel.dataset.planned = String(plan.tours.length);
    } catch (e) {
      $("guard-error").textContent = e instanceof ApiError ? e.message : (e as Error).message;
    }
  });

  toggle.addEventListener("change", () => {
    panel.hidden = !toggle.checked;
    if (toggle.checked) {
      marks.addTo(map);
      tours.addTo(map);
      map.on("click", onClick);
      redraw();
    } else {
      map.off("click", onClick);
      marks.remove();
      tours.remove();
    }
  });
}
