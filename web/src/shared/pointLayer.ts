import L from "leaflet";

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  color: string;
  visible: boolean;
}

/**
 * Draws many points on one canvas: tens of thousands of devices, where one DOM element (or one Leaflet vector layer)
 * per device would freeze the page. Points are batched by colour into one path each, redrawn only when the view
 * settles; while panning the canvas moves with its pane. Clicks find the nearest point by a linear scan, which costs a
 * few milliseconds for 50,000 points and happens once per click.
 */
export class PointLayer extends L.Layer {
  private canvas: HTMLCanvasElement | undefined;
  private points: MapPoint[] = [];
  private frame = 0;

  constructor(
    private readonly radius: number,
    private readonly onPick: (point: MapPoint) => void,
  ) {
    super();
  }

  setPoints(points: MapPoint[]): void {
    this.points = points;
    this.redraw();
  }

  /** Call after changing points' colour or visibility in place. */
  redraw(): void {
    if (!this._map || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  override onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide vigil-points") as HTMLCanvasElement;
    this.canvas.style.pointerEvents = "none";
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on("moveend zoomend resize viewreset", this.draw, this);
    map.on("click", this.pick, this);
    this.draw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("moveend zoomend resize viewreset", this.draw, this);
    map.off("click", this.pick, this);
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
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, topLeft);
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const bounds = map.getBounds().pad(0.05);
    const south = bounds.getSouth();
    const north = bounds.getNorth();
    const west = bounds.getWest();
    const east = bounds.getEast();
    const r = this.radius;
    const byColor = new Map<string, Path2D>();
    for (const p of this.points) {
      if (!p.visible || p.lat < south || p.lat > north || p.lon < west || p.lon > east) continue;
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      let path = byColor.get(p.color);
      if (!path) byColor.set(p.color, (path = new Path2D()));
      path.moveTo(at.x + r, at.y);
      path.arc(at.x, at.y, r, 0, Math.PI * 2);
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    for (const [color, path] of byColor) {
      ctx.fillStyle = color;
      ctx.fill(path);
      ctx.stroke(path);
    }
  }

  private pick(e: L.LeafletMouseEvent): void {
    const map = this._map;
    if (!map) return;
    const click = e.containerPoint;
    let best: MapPoint | undefined;
    let bestDistance = (this.radius + 4) ** 2;
    for (const p of this.points) {
      if (!p.visible) continue;
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      const d = (at.x - click.x) ** 2 + (at.y - click.y) ** 2;
      if (d <= bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    if (best) this.onPick(best);
  }
}
