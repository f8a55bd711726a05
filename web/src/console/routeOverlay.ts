import L from "leaflet";
import { formatEta, type UnitRecommendation } from "./recommend";

/** Draws one recommended unit's route from its position to the incident. */
export class RouteOverlay {
  private readonly layer = L.layerGroup();

  constructor(map: L.Map) {
    this.layer.addTo(map);
  }

  show(route: UnitRecommendation | undefined): void {
    this.layer.clearLayers();
    if (!route || route.route.coordinates.length < 2) return;
    const points = route.route.coordinates.map(([lon, lat]) => L.latLng(lat, lon));
    L.polyline(points, { color: "#1d4ed8", weight: 5, opacity: 0.85 })
      .bindTooltip(`${route.unit.callSign}: ETA ${formatEta(route.etaSeconds)}`)
      .addTo(this.layer);
  }

  clear(): void {
    this.layer.clearLayers();
  }
}
