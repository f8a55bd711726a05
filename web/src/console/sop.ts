import type { TimelineEntry } from "../shared/types";

// A ticked SOP step is recorded as a note on the incident's timeline, so the checklist is shared by every operator,
// survives a reload, and is part of the audited record of what was done.
const prefix = "SOP ✓ ";

export function sopNote(step: string): string {
  return prefix + step;
}

/** The steps already ticked on this incident. */
export function sopProgress(timeline: TimelineEntry[]): Set<string> {
  const done = new Set<string>();
  for (const entry of timeline) if (entry.kind === "note" && entry.text.startsWith(prefix)) done.add(entry.text.slice(prefix.length));
  return done;
}
