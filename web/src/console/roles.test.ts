import { describe, expect, it } from "vitest";
import { canPlanGuardTours, canViewForecasts, isGuardToursOnly } from "./roles";

describe("console roles", () => {
  it("lets guards plan tours and nothing of the desk", () => {
    expect(canPlanGuardTours("Guard")).toBe(true);
    expect(isGuardToursOnly("Guard")).toBe(true);
    expect(canViewForecasts("Guard")).toBe(false);
  });

  it("keeps the desk console for every other role", () => {
    for (const role of ["Admin", "Operator", "Dispatcher", "Analyst", "Responder", "Auditor"]) expect(isGuardToursOnly(role)).toBe(false);
    expect(canPlanGuardTours("Analyst")).toBe(false);
    expect(canPlanGuardTours("Auditor")).toBe(false);
    expect(canPlanGuardTours("Responder")).toBe(true);
    expect(canViewForecasts("Analyst")).toBe(true);
  });

  it("does not match a role that merely contains a known name", () => {
    expect(isGuardToursOnly("Guardian")).toBe(false);
    expect(canPlanGuardTours("site-guard")).toBe(false);
  });
});
