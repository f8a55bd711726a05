import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { api } from "./api";

export interface BaseMap {
  map: L.Map;
  renderer: L.Canvas;
  districts: L.GeoJSON;
  streets: L.GeoJSON;
  districtLayers: Map<string, L.Path>;
}

interface MapConfig {
  tileUrl?: string;
  tileAttribution?: string;
}

/**
 * A Leaflet map drawn on canvas with the city's own districts and streets from the server, so it works with no tile
 * server and no network beyond Vigil. A raster tile layer is added underneath when the deployment configures one.
 */
export async function createBaseMap(element: HTMLElement, options: { districtFill?: boolean } = {}): Promise<BaseMap> {
  const renderer = L.canvas({ padding: 0.3 });
  const map = L.map(element, { renderer, preferCanvas: true, zoomControl: true, keyboard: true, worldCopyJump: false });
  const [layers, config] = await Promise.all([
    api<GeoJSON.FeatureCollection & { centre?: [number, number] }>("/api/v1/map/layers"),
    api<MapConfig>("/api/v1/map/config").catch(() => ({}) as MapConfig),
  ]);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution ?? "", maxZoom: 19 }).addTo(map);
  }
  const districtLayers = new Map<string, L.Path>();
  const districts = L.geoJSON(undefined, {
    renderer,
    filter: (f) => f.properties?.layer === "district",
    style: () => ({ color: "#4b5563", weight: 1.5, fillColor: "#9ca3af", fillOpacity: options.districtFill ? 0.25 : 0.06, dashArray: "4 3" }),
    onEachFeature: (f, layer) => {
      districtLayers.set(String(f.properties?.name), layer as L.Path);
      layer.bindTooltip(String(f.properties?.name), { sticky: true, className: "district-tip" });
    },
  } as L.GeoJSONOptions);
  const streets = L.geoJSON(undefined, {
    renderer,
    interactive: false,
    filter: (f) => f.properties?.layer === "street",
    style: (f) => ({ color: f?.properties?.arterial ? "#6b7280" : "#9ca3af", weight: f?.properties?.arterial ? 3 : 1.5, opacity: 0.9 }),
  } as L.GeoJSONOptions);
  districts.addData(layers);
  streets.addData(layers);
  districts.addTo(map);
  streets.addTo(map);
  // The container can change size after the map is made (a grid settling, a side panel opening): keep Leaflet's idea
  // of its size current, or the view is centred on the wrong point and parts of the map are never drawn.
  map.invalidateSize();
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(element);
  const bounds = districts.getBounds().extend(streets.getBounds());
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [16, 16] });
  } else if (layers.centre) {
    map.setView([layers.centre[1], layers.centre[0]], 13);
  } else {
    map.setView([0, 0], 2);
  }
  if (!bounds.isValid() && !config.tileUrl) showEmptyMap(element);
  return { map, renderer, districts, streets, districtLayers };
}

/**
 * With no city layers and no tile server the map would be a blank grey square: say why, and how to fill it, rather
 * than leave an operator wondering whether the page has failed.
 */
function showEmptyMap(element: HTMLElement): void {
  const note = document.createElement("div");
  note.className = "map-empty";
  note.setAttribute("role", "status");
  note.innerHTML = `<strong>No city map is loaded.</strong>
    Markers still show where things are, but there are no streets or districts to draw under them.
    Run <code>vigil demo</code> for a simulated city, or set <code>Vigil:Web:TileUrl</code> in the server's
    configuration to a raster tile server of your own.`;
  element.append(note);
}
