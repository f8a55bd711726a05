import { describe, expect, it } from "vitest";
import { signalRows } from "./outbreaks";

describe("outbreak signal rows", () => {
  it("names the syndrome, the district, the observed count and the bound, and escapes what came from reporters", () => {
    const html = signalRows([{ syndrome: "<ili>", district: "Harbour", period: "Week", start: "2026-03-02", method: "farrington", observed: 40, upperBound: 17.25 }]);
    expect(html).toContain("&lt;ili&gt;");
    expect(html).toContain("week of 2026-03-02");
    expect(html).toContain("<strong>40</strong> cases, expected at most 17.3");
  });

  it("says so when nothing is above its range", () => {
    expect(signalRows([])).toContain("No syndrome count");
  });
});
