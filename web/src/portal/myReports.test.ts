import { describe, expect, it } from "vitest";
import { forgetTicket, legacyKey, loadTickets, maxTickets, orderForDisplay, rememberTicket, storageKey, type TicketStorage } from "./myReports";

function memory(initial: Record<string, string> = {}): TicketStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const a = "R-AAAAA-00001";
const b = "R-BBBBB-00002";

describe("my reports storage", () => {
  it("keeps tickets newest first and moves a filed-again ticket to the top without duplicating it", () => {
    const storage = memory();
    rememberTicket(storage, a, new Date("2026-11-01T10:00:00Z"));
    rememberTicket(storage, b, new Date("2026-11-02T10:00:00Z"));
    expect(loadTickets(storage).map((t) => t.ticket)).toEqual([b, a]);
    rememberTicket(storage, a, new Date("2026-11-03T10:00:00Z"));
    expect(loadTickets(storage).map((t) => t.ticket)).toEqual([a, b]);
  });

  it("forgets a ticket and keeps the rest", () => {
    const storage = memory();
    rememberTicket(storage, a, new Date("2026-11-01T10:00:00Z"));
    rememberTicket(storage, b, new Date("2026-11-02T10:00:00Z"));
    expect(forgetTicket(storage, b).map((t) => t.ticket)).toEqual([a]);
    expect(loadTickets(storage).map((t) => t.ticket)).toEqual([a]);
  });

  it("folds in the ticket older versions kept, and does not bring it back once forgotten", () => {
    const storage = memory({ [legacyKey]: a });
    expect(loadTickets(storage).map((t) => t.ticket)).toEqual([a]);
    forgetTicket(storage, a);
    expect(loadTickets(storage)).toEqual([]);
    expect(storage.data.has(legacyKey)).toBe(false);
  });

  it("skips unreadable or foreign entries instead of failing", () => {
    expect(loadTickets(memory({ [storageKey]: "{not json" }))).toEqual([]);
    const mixed = JSON.stringify([{ ticket: a, savedAt: "2026-11-01T00:00:00Z" }, { ticket: "<img src=x>", savedAt: "x" }, null, 42, { ticket: a, savedAt: "2026-10-01T00:00:00Z" }]);
    expect(loadTickets(memory({ [storageKey]: mixed })).map((t) => t.ticket)).toEqual([a]);
  });

  it("refuses something that is not a ticket and caps the list", () => {
    const storage = memory();
    rememberTicket(storage, "R-IIIII-LLLLL", new Date());
    expect(loadTickets(storage)).toEqual([]);
    for (let i = 0; i < maxTickets + 5; i++) {
      rememberTicket(storage, `R-AAAAA-${String(i).padStart(5, "0")}`, new Date(Date.UTC(2026, 0, 1, 0, i)));
    }
    const kept = loadTickets(storage);
    expect(kept).toHaveLength(maxTickets);
    expect(kept[0]?.ticket).toBe(`R-AAAAA-${String(maxTickets + 4).padStart(5, "0")}`);
  });
});

describe("orderForDisplay", () => {
  it("lists open reports before closed ones, then the most recently updated", () => {
    const ordered = orderForDisplay([
      { ticket: "1", status: "Resolved", updatedAt: "2026-11-05T00:00:00Z" },
      { ticket: "2", status: "Received", updatedAt: "2026-11-01T00:00:00Z" },
      { ticket: "3", status: "InProgress", updatedAt: "2026-11-03T00:00:00Z" },
      { ticket: "4", updatedAt: undefined },
    ]);
    expect(ordered.map((r) => r.ticket)).toEqual(["3", "2", "4", "1"]);
  });
});
