import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api } from "../shared/api";
import type { Device } from "../shared/types";

interface Bucket {
  start: string;
  quantity: string;
  count: number;
  min: number;
  max: number;
  mean: number;
}

/** The last 24 hours of one quantity of a device, in 5-minute buckets (mean with min–max band). */
export async function drawDeviceChart(element: HTMLElement, device: Device, quantity: string): Promise<uPlot | undefined> {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600 * 1000);
  const query = new URLSearchParams({ device: device.id, quantity, from: from.toISOString(), to: to.toISOString(), bucketSeconds: "300" });
  const result = await api<{ buckets: Bucket[] }>(`/api/v1/observations?${query}`);
  element.replaceChildren();
  if (result.buckets.length === 0) {
    element.textContent = "No observations in the last 24 hours.";
    return undefined;
  }
  const xs = result.buckets.map((b) => Date.parse(b.start) / 1000);
  const unit = device.quantities.find((q) => q.name === quantity)?.unit ?? "";
  const opts: uPlot.Options = {
    width: Math.max(260, element.clientWidth),
    height: 180,
    scales: { x: { time: true, range: [from.getTime() / 1000, to.getTime() / 1000] } },
    axes: [{ stroke: "#1f2937" }, { stroke: "#1f2937", label: unit, size: 50 }],
    legend: { show: false },
    series: [
      {},
      { label: "min", stroke: "#93c5fd", width: 1 },
      { label: "mean", stroke: "#1d4ed8", width: 2 },
      { label: "max", stroke: "#93c5fd", width: 1 },
    ],
  };
  return new uPlot(opts, [xs, result.buckets.map((b) => b.min), result.buckets.map((b) => b.mean), result.buckets.map((b) => b.max)], element);
}
