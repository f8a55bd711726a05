import L from "leaflet";
import { formatEta, type UnitRecommendation } from "./recommend";

/** Draws one recommended unit's route from its position to the incident. */
export class RouteOverlay {
  private readonly layer = L.layerGroup();
  // The map draws its many points on canvas; the one route goes on SVG so it is a real element (styled, testable).
  private readonly renderer = L.svg({ padding: 0.5 });

  constructor(map: L.Map) {
    this.layer.addTo(map);
  }

  show(route: UnitRecommendation | undefined): void {
    this.layer.clearLayers();
    if (!route || route.route.coordinates.length < 2) return;
    const points = route.route.coordinates.map(([lon, lat]) => L.latLng(lat, lon));
    L.polyline(points, { color: "#1d4ed8", weight: 5, opacity: 0.85, renderer: this.renderer, className: "route-line" })
      .bindTooltip(`${route.unit.callSign}: ETA ${formatEta(route.etaSeconds)}`)
      .addTo(this.layer);
  }

  clear(): void {
    this.layer.clearLayers();
  }
}
