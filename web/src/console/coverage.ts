/** One band of the coverage answer: the road an agency reaches from its stations within so many seconds. */
export interface CoverageBand {
  agency: string;
  stations: number;
  withinSeconds: number;
  reachableMeters: number;
  totalMeters: number;
  share: number;
}

/** "fire: 4 min 61%, 8 min 97% of 412 km" — one line per agency, bands in increasing time. */
export function coverageSummary(bands: CoverageBand[]): string[] {
  const byAgency = new Map<string, CoverageBand[]>();
  for (const b of bands) byAgency.set(b.agency, [...(byAgency.get(b.agency) ?? []), b]);
  const lines: string[] = [];
  for (const [agency, list] of [...byAgency.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.withinSeconds - b.withinSeconds);
    const parts = list.map((b) => `${Math.round(b.withinSeconds / 60)} min ${Math.round(b.share * 100)}%`);
    lines.push(`${agency}: ${parts.join(", ")} of ${Math.round(list[0]!.totalMeters / 1000)} km`);
  }
  return lines;
}

/** Shorter bands are drawn darker and on top, so the map reads as rings of response time around stations. */
export function bandColour(withinSeconds: number): string {
  return withinSeconds <= 240 ? "#1d4ed8" : "#60a5fa";
}
