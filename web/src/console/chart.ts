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

interface Baseline {
  learned: boolean;
  ruleId?: string;
  at?: string;
  expectedLow?: number;
  expectedHigh?: number;
}

/**
 * The last 24 hours of one quantity of a device, in 5-minute buckets (mean with min–max band), with the band the
 * anomaly detector expected at the latest observation drawn across the chart as a shaded strip, so an operator sees at
 * a glance how far the readings stand from what the device's own history predicts.
 */
export async function drawDeviceChart(element: HTMLElement, device: Device, quantity: string): Promise<uPlot | undefined> {
  const to = new Date();
  const from = new Date(to.getTime() - 24 * 3600 * 1000);
  const query = new URLSearchParams({ device: device.id, quantity, from: from.toISOString(), to: to.toISOString(), bucketSeconds: "300" });
  const [result, baseline] = await Promise.all([
    api<{ buckets: Bucket[] }>(`/api/v1/observations?${query}`),
    api<Baseline>(`/api/v1/devices/${encodeURIComponent(device.id)}/baseline?quantity=${encodeURIComponent(quantity)}`).catch(() => undefined),
  ]);
  element.replaceChildren();
  if (result.buckets.length === 0) {
    element.textContent = "No observations in the last 24 hours.";
    return undefined;
  }
  const xs = result.buckets.map((b) => Date.parse(b.start) / 1000);
  const unit = device.quantities.find((q) => q.name === quantity)?.unit ?? "";
  const band = expectedBand(baseline, xs.length);
  const caption = document.createElement("p");
  caption.className = "meta chart-caption";
  caption.textContent = band
    ? `Shaded: the band ${baseline!.ruleId ?? "the anomaly rule"} expected at ${new Date(baseline!.at!).toLocaleTimeString()}, ${fmt(baseline!.expectedLow!)}–${fmt(baseline!.expectedHigh!)} ${unit}.`
    : "No expected band yet: the anomaly detector is still learning this quantity.";
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
      { label: "expected low", stroke: "#15803d", width: 1, dash: [4, 4] },
      { label: "expected high", stroke: "#15803d", width: 1, dash: [4, 4] },
    ],
    bands: band ? [{ series: [5, 4], fill: "rgba(22, 163, 74, 0.15)" }] : [],
  };
  const plot = new uPlot(
    opts,
    [xs, result.buckets.map((b) => b.min), result.buckets.map((b) => b.mean), result.buckets.map((b) => b.max), band?.low ?? xs.map(() => null), band?.high ?? xs.map(() => null)],
    element,
  );
  element.append(caption);
  return plot;
}

/** The learned band as two constant series as long as the chart, or undefined while nothing has been learned. */
export function expectedBand(baseline: Baseline | undefined, length: number): { low: number[]; high: number[] } | undefined {
  if (!baseline?.learned || baseline.expectedLow === undefined || baseline.expectedHigh === undefined || length === 0) return undefined;
  return { low: new Array<number>(length).fill(baseline.expectedLow), high: new Array<number>(length).fill(baseline.expectedHigh) };
}

function fmt(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
