import L from "leaflet";
import { api } from "../shared/api";
import { bandColour, coverageSummary, type CoverageBand } from "./coverage";

interface CoverageCollection {
  type: "FeatureCollection";
  features: Array<{ type: "Feature"; geometry: GeoJSON.Geometry | null; properties: CoverageBand }>;
}

/** The NFPA 1710-style coverage map: road reachable from an agency's stations within 4 and 8 minutes. */
export class CoverageLayer {
  private readonly layer = L.layerGroup();

  constructor(private readonly map: L.Map, private readonly summary: HTMLElement) {}

  async show(agency: string): Promise<void> {
    this.summary.textContent = "Computing coverage…";
    let answer: CoverageCollection;
    try {
      answer = await api<CoverageCollection>(`/api/v1/coverage${agency ? `?agency=${encodeURIComponent(agency)}` : ""}`);
    } catch (e) {
      this.summary.textContent = `Coverage unavailable: ${(e as Error).message}`;
      return;
    }
    this.layer.clearLayers();
    const features = [...answer.features].sort((a, b) => b.properties.withinSeconds - a.properties.withinSeconds);
    for (const f of features) {
      if (!f.geometry) continue;
      L.geoJSON(f.geometry as GeoJSON.GeoJsonObject, {
        style: { color: bandColour(f.properties.withinSeconds), weight: 3, opacity: 0.8 },
        interactive: false,
      }).addTo(this.layer);
    }
    this.layer.addTo(this.map);
    this.summary.textContent = coverageSummary(answer.features.map((f) => f.properties)).join(" · ");
  }

  hide(): void {
    this.layer.remove();
    this.summary.textContent = "";
  }
}
