import L from "leaflet";
import { api } from "../shared/api";
import { cameraSummary, trackColour, type Camera, type CameraTrack } from "./cameras";

/**
 * Cameras, their zones projected on the ground, and the paths of recent tracks. Tracks are refreshed every two seconds
 * while the layer is shown; nothing is fetched while it is hidden.
 */
export class CameraLayer {
  private readonly layer = L.layerGroup();
  private timer: number | undefined;
  private cameras: Camera[] = [];

  constructor(
    private readonly map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly summary: HTMLElement,
    private readonly onSelect: (camera: Camera) => void,
  ) {}

  async show(): Promise<void> {
    this.layer.addTo(this.map);
    await this.refresh();
    this.timer ??= window.setInterval(() => void this.refresh(), 2000);
  }

  hide(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
    this.timer = undefined;
    this.layer.remove();
    this.summary.textContent = "";
  }

  private async refresh(): Promise<void> {
    let tracks: CameraTrack[][];
    try {
      this.cameras = await api<Camera[]>("/api/v1/cameras");
      tracks = await Promise.all(
        this.cameras.map((c) => (c.configured ? api<CameraTrack[]>(`/api/v1/cameras/${encodeURIComponent(c.id)}/tracks`) : Promise.resolve([]))),
      );
    } catch (e) {
      this.summary.textContent = `Cameras unavailable: ${(e as Error).message}`;
      return;
    }
    if (this.timer === undefined && !this.map.hasLayer(this.layer)) return;
    this.layer.clearLayers();
    let drawn = 0;
    this.cameras.forEach((camera, n) => {
      for (const zone of camera.zones) {
        if (zone.ring.length < 3) continue;
        L.polygon(zone.ring, { renderer: this.renderer, color: "#7c3aed", weight: 2, fillOpacity: 0.12, dashArray: "4 3" })
          .bindTooltip(`${camera.name}: ${zone.id}`)
          .addTo(this.layer);
      }
      for (const track of tracks[n] ?? []) {
        if (track.path.length < 2) continue;
        drawn++;
        L.polyline(track.path, { renderer: this.renderer, color: trackColour(track.class), weight: 3, opacity: 0.85, interactive: false }).addTo(this.layer);
      }
      L.circleMarker([camera.location.lat, camera.location.lon], {
        renderer: this.renderer,
        radius: 7,
        weight: 2,
        color: "#4c1d95",
        fillColor: camera.configured ? "#c4b5fd" : "#e5e7eb",
        fillOpacity: 1,
      })
        .bindTooltip(`Camera ${camera.name}`)
        .on("click", () => this.onSelect(camera))
        .addTo(this.layer);
    });
    this.summary.textContent = cameraSummary(this.cameras, drawn);
  }
}
