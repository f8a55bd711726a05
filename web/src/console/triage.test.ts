import { describe, expect, it } from "vitest";
import type { Report } from "../shared/types";
import { duplicateEvidence, isRedactedTip, triageQueue } from "./triage";

function report(ticket: string, status: string, createdAt: string, extra: Partial<Report> = {}): Report {
  return { ticket, category: "road-hazard", status, description: "Pothole", hasContact: false, hasPhoto: false, createdAt, updatedAt: createdAt, ...extra };
}

describe("triageQueue", () => {
  it("lists open reports newest first and leaves out closed ones and merged duplicates", () => {
    const queue = triageQueue([
      report("R-1", "Received", "2026-01-01T10:00:00Z"),
      report("R-2", "InReview", "2026-01-01T11:00:00Z"),
      report("R-3", "Resolved", "2026-01-01T12:00:00Z"),
      report("R-4", "Dismissed", "2026-01-01T13:00:00Z", { duplicateOf: "R-1" }),
      report("R-5", "Received", "2026-01-01T14:00:00Z", { duplicateOf: "R-1" }),
    ], () => true);
    expect(queue.map((r) => r.ticket)).toEqual(["R-2", "R-1"]);
  });

  it("applies the search filter", () => {
    const queue = triageQueue([report("R-1", "Received", "2026-01-01T10:00:00Z"), report("R-2", "Received", "2026-01-01T11:00:00Z")], (r) => r.ticket === "R-1");
    expect(queue.map((r) => r.ticket)).toEqual(["R-1"]);
  });
});

describe("isRedactedTip", () => {
  it("recognises a tip announced without content, not a full tip or another category", () => {
    expect(isRedactedTip(report("R-1", "Received", "2026-01-01T10:00:00Z", { category: "suspicious-activity", description: "" }))).toBe(true);
    expect(isRedactedTip(report("R-1", "Received", "2026-01-01T10:00:00Z", { category: "suspicious-activity" }))).toBe(false);
    expect(isRedactedTip(report("R-1", "Received", "2026-01-01T10:00:00Z", { description: "" }))).toBe(false);
  });
});

describe("duplicateEvidence", () => {
  it("shows distance when known, text similarity as a percentage, and status", () => {
    expect(duplicateEvidence({ ticket: "R-2", score: 0.8, distanceMetres: 39.6, textSimilarity: 0.615, status: "InReview", createdAt: "" })).toBe("40 m · text 62% · InReview");
    expect(duplicateEvidence({ ticket: "R-2", score: 0.4, textSimilarity: 0.5, status: "Received", createdAt: "" })).toBe("text 50% · Received");
  });
});
