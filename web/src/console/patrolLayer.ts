import L from "leaflet";
import { loopColours, patrolLoops, type PatrolPlan } from "./patrolPlan";

/** Draws the plan's loops on the map, numbered by unit, replacing any plan drawn before. */
export class PatrolLayer {
  private readonly group = L.layerGroup();

  constructor(private readonly map: L.Map) {}

  show(plan: PatrolPlan): void {
    this.group.clearLayers();
    for (const loop of patrolLoops(plan)) {
      const colour = loopColours[(loop.unit - 1) % loopColours.length]!;
      // Dashed only when the line is a straight-line stand-in for road travel.
      L.polyline(loop.points, { color: colour, weight: 3, dashArray: loop.byRoad ? undefined : "6 4", interactive: false }).addTo(this.group);
      L.circleMarker(loop.first, { radius: 8, color: "#ffffff", weight: 2, fillColor: colour, fillOpacity: 1 })
        .bindTooltip(`Patrol unit ${loop.unit}`)
        .addTo(this.group);
    }
    this.group.addTo(this.map);
  }

  clear(): void {
    this.group.clearLayers();
    this.group.remove();
  }
}
