import type { DuplicateSuggestion, Report } from "../shared/types";

/** The category whose reports only police consoles receive; the live feed carries them without their content. */
export const TIP_CATEGORY = "suspicious-activity";

/** True when a feed event is a tip announced without its content: the console must fetch it (and may be refused). */
export function isRedactedTip(r: Report): boolean {
  return r.category === TIP_CATEGORY && r.description === "";
}

/** One line of evidence for a suggested duplicate, e.g. "40 m · text 62% · InReview". */
export function duplicateEvidence(s: DuplicateSuggestion): string {
  const parts: string[] = [];
  if (s.distanceMetres !== undefined && s.distanceMetres !== null) parts.push(`${Math.round(s.distanceMetres)} m`);
  parts.push(`text ${Math.round(s.textSimilarity * 100)}%`);
  parts.push(s.status);
  return parts.join(" · ");
}

/** Open reports in the triage queue: newest first, merged duplicates left out. */
export function triageQueue(reports: Iterable<Report>, matches: (r: Report) => boolean): Report[] {
  return [...reports]
    .filter((r) => ["Received", "InReview", "InProgress"].includes(r.status) && !r.duplicateOf && matches(r))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
