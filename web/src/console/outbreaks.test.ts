import { describe, expect, it } from "vitest";
import { alarmSummary, excessOverNotice, signalRows } from "./outbreaks";

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

describe("alarm summary", () => {
  it("shows an outbreak alarm's syndrome, district, observed count and upper bound", () => {
    const s = alarmSummary({
      ruleId: "outbreak:ears-c2",
      outbreak: { syndrome: "<gi>", district: "Harbour", period: "Day", start: "2026-03-02", method: "ears-c2", observed: 45, expected: 10, upperBound: 14.56 },
    });
    expect(s.title).toBe("&lt;gi&gt; outbreak in Harbour");
    expect(s.detail).toContain("2026-03-02: 45 cases, bound 14.6 (ears-c2)");
  });

  it("names the rule and the device for a device alarm", () => {
    expect(alarmSummary({ ruleId: "pm25-high", deviceId: "aq-1" })).toEqual({ title: "pm25-high on aq-1", detail: "" });
  });
});

describe("excess over notice", () => {
  const outbreak = { syndrome: "<ili>", district: "Harbour", period: "Day" as const, start: "2026-03-02", method: "ears-c2", observed: 45, expected: 10, upperBound: 14.56 };

  it("names the series and gives the server's reason when an outbreak alarm clears", () => {
    const note = excessOverNotice({
      state: "Cleared",
      outbreak,
      explanation: { observed: "45 <ili> cases in Harbour for 2026-03-02; excess over: 3 days within the bound from 2026-03-03" },
    });
    expect(note).toBe("&lt;ili&gt; outbreak in Harbour: excess over (3 days within the bound from 2026-03-03)");
  });

  it("says nothing for an open outbreak alarm or a cleared device alarm", () => {
    expect(excessOverNotice({ state: "Acknowledged", outbreak, explanation: {} })).toBeUndefined();
    expect(excessOverNotice({ state: "Cleared", explanation: { observed: "back to 12" } })).toBeUndefined();
  });
});
