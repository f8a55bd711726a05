import { api, escapeHtml } from "../shared/api";

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
