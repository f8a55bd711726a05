import { describe, expect, it } from "vitest";
import type { Alarm, Incident } from "../shared/types";
import { isNewer, isNewerAlarm, moveSelection, orderQueue } from "./queue";

function incident(id: number, priority: number, createdAt: string, status: Incident["status"] = "New"): Incident {
  return { id, priority, createdAt, status, type: "fire", title: `#${id}`, location: { lat: 0, lon: 0 }, source: "test", updatedAt: createdAt, alarmIds: [], unitIds: [], timeline: [] };
}

describe("orderQueue", () => {
  it("puts the most urgent priority first, then the oldest, and leaves out closed incidents", () => {
    const queue = orderQueue([
      incident(1, 3, "2026-01-01T10:00:00Z"),
      incident(2, 1, "2026-01-01T10:05:00Z"),
      incident(3, 1, "2026-01-01T10:01:00Z"),
      incident(4, 2, "2026-01-01T09:00:00Z", "Resolved"),
      incident(5, 2, "2026-01-01T09:30:00Z", "Dispatched"),
    ]);
    expect(queue.map((i) => i.id)).toEqual([3, 2, 5, 1]);
  });

  it("breaks ties on the same second by id so the order is stable", () => {
    const queue = orderQueue([incident(9, 2, "2026-01-01T10:00:00Z"), incident(7, 2, "2026-01-01T10:00:00Z")]);
    expect(queue.map((i) => i.id)).toEqual([7, 9]);
  });
});

describe("moveSelection", () => {
  const queue = orderQueue([incident(1, 1, "2026-01-01T10:00:00Z"), incident(2, 2, "2026-01-01T10:00:00Z"), incident(3, 3, "2026-01-01T10:00:00Z")]);

  it("starts at the top with j and at the bottom with k", () => {
    expect(moveSelection(queue, undefined, 1)).toBe(1);
    expect(moveSelection(queue, undefined, -1)).toBe(3);
  });

  it("follows the selected incident, and stops at either end", () => {
    expect(moveSelection(queue, 2, 1)).toBe(3);
    expect(moveSelection(queue, 3, 1)).toBe(3);
    expect(moveSelection(queue, 1, -1)).toBe(1);
  });

  it("selects nothing in an empty queue", () => {
    expect(moveSelection([], 5, 1)).toBeUndefined();
  });
});

describe("isNewer", () => {
  it("refuses an event older than what the list already holds", () => {
    expect(isNewer({ updatedAt: "2026-01-01T10:00:05Z" }, { updatedAt: "2026-01-01T10:00:01Z" })).toBe(false);
    expect(isNewer({ updatedAt: "2026-01-01T10:00:01Z" }, { updatedAt: "2026-01-01T10:00:05Z" })).toBe(true);
    expect(isNewer(undefined, { updatedAt: "2026-01-01T10:00:01Z" })).toBe(true);
  });

  it("orders alarms by their one-way state, then escalations", () => {
    const alarm = (state: Alarm["state"], escalations = 0) => ({ state, escalations }) as Alarm;
    expect(isNewerAlarm(alarm("Acknowledged"), alarm("Active", 3))).toBe(false);
    expect(isNewerAlarm(alarm("Active", 1), alarm("Active", 2))).toBe(true);
    expect(isNewerAlarm(alarm("Active"), alarm("Cleared"))).toBe(true);
  });
});
