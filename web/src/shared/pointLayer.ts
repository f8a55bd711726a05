import L from "leaflet";
import { nearestPoint, planPoints, projectWorld, stamp, type Sprite, type View } from "./pointPlan";

/**
 * Draws tens of thousands of points (devices) on one canvas, where one DOM element or Leaflet vector layer per point
 * would freeze the page. Points live in typed arrays, projected once to world units, so a redraw is a scale and an
 * offset per point with no objects made; each is stamped from a pre-drawn sprite of its colour straight into the canvas's pixels; and where points
 * overlap at low zoom only one per few pixels and colour is stamped (see planPoints). The canvas reaches beyond the
 * view by a margin and moves with the map pane while dragging, so a pan shows already-drawn points and the layer
 * redraws once when the view settles.
 */
export class PointLayer extends L.Layer {
  private canvas: HTMLCanvasElement | undefined;
  private wx = new Float64Array(0);
  private wy = new Float64Array(0);
  private colour = new Uint8Array(0);
  private visible = new Uint8Array(0);
  private sprites: Sprite[] = [];
  private pixels: ImageData | undefined;
  private spriteRatio = 0;
  private frame = 0;

  /** Each point's colour is an index into palette; higher indices are drawn on top. */
  constructor(
    private readonly radius: number,
    private readonly palette: readonly string[],
    private readonly onPick: (index: number) => void,
    private readonly padding = 0.3,
  ) {
    super();
  }

  get count(): number {
    return this.wx.length;
  }

  /** Replaces every point; all start with colour 0 and visible. */
  setPoints(lat: ArrayLike<number>, lon: ArrayLike<number>): void {
    const n = lat.length;
    this.wx = new Float64Array(n);
    this.wy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [x, y] = projectWorld(lat[i]!, lon[i]!);
      this.wx[i] = x;
      this.wy[i] = y;
    }
    this.colour = new Uint8Array(n);
    this.visible = new Uint8Array(n).fill(1);
    this.redraw();
  }

  setColour(index: number, colour: number): void {
    this.colour[index] = colour;
  }

  setVisible(index: number, visible: boolean): void {
    this.visible[index] = visible ? 1 : 0;
  }

  /** Call after setColour or setVisible: draws once in the next frame, however many points changed. */
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
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas?.remove();
    this.canvas = undefined;
    return this;
  }

  /** The canvas's extent, in container pixels, and how world units land on it. */
  private view(map: L.Map): { view: View; left: number; top: number } {
    const size = map.getSize();
    const padX = Math.round(size.x * this.padding);
    const padY = Math.round(size.y * this.padding);
    const topLeft = map.containerPointToLayerPoint([-padX, -padY]);
    const origin = map.getPixelOrigin();
    const scale = map.options.crs!.scale(map.getZoom());
    return {
      view: {
        scale,
        offsetX: -origin.x - topLeft.x,
        offsetY: -origin.y - topLeft.y,
        width: size.x + 2 * padX,
        height: size.y + 2 * padY,
        cell: Math.max(2, this.radius),
      },
      left: -padX,
      top: -padY,
    };
  }

  private draw(): void {
    const map = this._map;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const { view, left, top } = this.view(map);
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([left, top]));
    const width = Math.round(view.width * ratio);
    const height = Math.round(view.height * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${view.width}px`;
      canvas.style.height = `${view.height}px`;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    if (!this.pixels || this.pixels.width !== width || this.pixels.height !== height) this.pixels = ctx.createImageData(width, height);
    else this.pixels.data.fill(0);
    const sprites = this.spritesFor(ratio);
    const order = planPoints(this.wx, this.wy, this.colour, this.visible, this.palette.length, view);
    const out = this.pixels.data;
    const half = sprites[0]!.size / 2;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const x = Math.round((this.wx[i]! * view.scale + view.offsetX) * ratio - half);
      const y = Math.round((this.wy[i]! * view.scale + view.offsetY) * ratio - half);
      stamp(out, width, height, sprites[this.colour[i]!]!, x, y);
    }
    // Pixels are written straight into one image and put once: a canvas call per point costs far more than the
    // few dozen pixel writes it stands for when the browser renders in software, as headless and remote desktops do.
    ctx.putImageData(this.pixels, 0, 0);
  }

  /** Each colour's outlined dot, drawn once on a small canvas at the screen's pixel ratio and read back as pixels. */
  private spritesFor(ratio: number): Sprite[] {
    if (this.spriteRatio === ratio && this.sprites.length === this.palette.length) return this.sprites;
    const size = Math.ceil((this.radius * 2 + 2) * ratio);
    this.sprites = this.palette.map((colour) => {
      const sprite = document.createElement("canvas");
      sprite.width = size;
      sprite.height = size;
      const ctx = sprite.getContext("2d")!;
      ctx.scale(ratio, ratio);
      ctx.beginPath();
      ctx.arc(size / ratio / 2, size / ratio / 2, this.radius, 0, Math.PI * 2);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = "rgba(0,0,0,0.55)";
      ctx.stroke();
      return { size, data: ctx.getImageData(0, 0, size, size).data };
    });
    this.spriteRatio = ratio;
    return this.sprites;
  }

  private pick(e: L.LeafletMouseEvent): void {
    const map = this._map;
    if (!map) return;
    const { view, left, top } = this.view(map);
    const index = nearestPoint(this.wx, this.wy, this.visible, view, e.containerPoint.x - left, e.containerPoint.y - top, this.radius + 4);
    if (index >= 0) this.onPick(index);
  }
}
