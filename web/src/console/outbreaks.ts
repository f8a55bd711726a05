import { api, escapeHtml } from "../shared/api";
import type { Alarm } from "../shared/types";

/** A period whose count exceeds the method's upper bound (src/Vigil.Platform/Contracts/OutbreakSignalView.cs). */
export interface OutbreakSignal {
  syndrome: string;
  district: string;
  period: "Day" | "Week";
  start: string;
  method: string;
  observed: number;
  upperBound: number;
}

/** One line per signal: what, where, when, and how far the count is above what was expected. */
export function signalRows(signals: readonly OutbreakSignal[]): string {
  if (signals.length === 0) return `<li class="meta">No syndrome count is above its expected range.</li>`;
  return signals.map((s) => `<li><strong>${escapeHtml(s.syndrome)}</strong> in ${escapeHtml(s.district)}
    · ${s.period === "Week" ? "week of " : ""}${escapeHtml(s.start)}:
    <strong>${s.observed}</strong> cases, expected at most ${s.upperBound.toFixed(1)}
    <span class="meta">(${escapeHtml(s.method)})</span></li>`).join("");
}

/**
 * The alarm list's title and detail for an alarm: an outbreak alarm names the syndrome and district and shows the
 * observed count beside the upper bound; a device alarm names its rule and device. Returned as escaped HTML.
 */
export function alarmSummary(a: Pick<Alarm, "ruleId" | "deviceId" | "outbreak">): { title: string; detail: string } {
  const o = a.outbreak;
  if (!o) return { title: `${escapeHtml(a.ruleId)} on ${escapeHtml(a.deviceId ?? "")}`, detail: "" };
  return {
    title: `${escapeHtml(o.syndrome)} outbreak in ${escapeHtml(o.district)}`,
    detail: ` · ${o.period === "Week" ? "week of " : ""}${escapeHtml(o.start)}: ${o.observed} cases, bound ${o.upperBound.toFixed(1)} (${escapeHtml(o.method)})`,
  };
}

/**
 * What the console says when an outbreak alarm clears itself because its series is back within the bound: the syndrome,
 * the district and the server's reason ("3 days within the bound from …"). Undefined for anything else. Escaped HTML.
 */
export function excessOverNotice(a: Pick<Alarm, "state" | "outbreak" | "explanation">): string | undefined {
  const o = a.outbreak;
  if (!o || a.state !== "Cleared") return undefined;
  const observed = typeof a.explanation?.observed === "string" ? a.explanation.observed : "";
  const at = observed.indexOf("excess over: ");
  const why = at >= 0 ? observed.slice(at + "excess over: ".length) : "";
  return `${escapeHtml(o.syndrome)} outbreak in ${escapeHtml(o.district)}: excess over${why ? ` (${escapeHtml(why)})` : ""}`;
}

/**
 * An "Outbreaks" button in the console's toolbar whose badge counts the current outbreak signals, and a dialog that
 * lists them with the observed count and the upper bound. Signals are recomputed by the server from the stored counts,
 * so the badge refreshes every few minutes rather than on a feed event.
 */
export function mountOutbreaksPanel(): void {
  const dialog = document.createElement("dialog");
  dialog.className = "alerts-dialog";
  dialog.setAttribute("aria-labelledby", "outbreaks-title");
  dialog.innerHTML = `<h2 id="outbreaks-title">Outbreak signals</h2>
    <button type="button" class="alerts-close" aria-label="Close">×</button>
    <p class="meta">Syndrome counts above the upper bound of EARS C2 (daily series) or the improved Farrington method (weekly series), in the last 14 days or 4 weeks.</p>
    <ul id="outbreak-signals" class="alerts-rows"></ul>`;
  document.body.append(dialog);
  const open = document.createElement("button");
  open.type = "button";
  open.id = "outbreaks-open";
  open.textContent = "Outbreaks";
  const help = document.getElementById("help");
  help?.parentElement?.insertBefore(open, help);

  const load = async () => {
    const signals = await api<OutbreakSignal[]>("/api/v1/outbreaks/signals").catch(() => undefined);
    if (!signals) return;
    open.textContent = signals.length > 0 ? `Outbreaks (${signals.length})` : "Outbreaks";
    open.classList.toggle("attention", signals.length > 0);
    dialog.querySelector("#outbreak-signals")!.innerHTML = signalRows(signals);
  };
  open.addEventListener("click", () => {
    dialog.showModal();
    void load();
  });
  dialog.querySelector(".alerts-close")!.addEventListener("click", () => dialog.close());
  void load();
  setInterval(() => void load(), 300_000);
}
