/** The audible cue for a new priority-1 incident: three short tones from WebAudio (no audio file to load). */
export class Beeper {
  private context: AudioContext | undefined;
  muted = localStorage.getItem("vigil.muted") === "true";

  /** Browsers only allow sound after a user gesture: call this from one (sign-in, a click). */
  unlock(): void {
    if (!this.context && typeof AudioContext !== "undefined") this.context = new AudioContext();
    void this.context?.resume();
  }

  toggle(): boolean {
    this.muted = !this.muted;
    localStorage.setItem("vigil.muted", String(this.muted));
    return this.muted;
  }

  beep(): void {
    const ctx = this.context;
    if (this.muted || !ctx) return;
    const start = ctx.currentTime;
    for (let i = 0; i < 3; i++) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "square";
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.25);
      osc.stop(start + i * 0.25 + 0.2);
    }
  }
}
