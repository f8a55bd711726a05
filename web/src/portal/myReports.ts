// The resident's own tickets, kept only in this browser: the portal has no accounts, and a ticket number is all that
// is needed to follow a report. Nothing here is sent anywhere except the ticket lookups themselves.

export interface SavedTicket {
  ticket: string;
  savedAt: string;
}

/** Minimal Storage surface, so the logic runs against a plain map in tests. */
export interface TicketStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const storageKey = "vigil.myReports";
/** Where earlier versions kept only the last ticket; read once and folded in. */
export const legacyKey = "vigil.lastTicket";
/** Enough for a very active resident; the oldest drop off so storage never grows without bound. */
export const maxTickets = 50;

const ticketPattern = /^R-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

export function isTicket(value: unknown): value is string {
  return typeof value === "string" && ticketPattern.test(value);
}

/** Saved tickets, newest first. Anything unreadable (edited by hand, written by another version) is skipped, not fatal. */
export function loadTickets(storage: TicketStorage): SavedTicket[] {
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(storage.getItem(storageKey) ?? "[]");
  } catch {
    parsed = [];
  }

  const tickets: SavedTicket[] = [];
  if (Array.isArray(parsed)) {
    for (const item of parsed) {
      const t = item as Partial<SavedTicket> | null;
      if (t && isTicket(t.ticket) && typeof t.savedAt === "string" && !tickets.some((x) => x.ticket === t.ticket)) {
        tickets.push({ ticket: t.ticket, savedAt: t.savedAt });
      }
    }
  }

  const legacy = storage.getItem(legacyKey);
  if (isTicket(legacy) && !tickets.some((x) => x.ticket === legacy)) {
    tickets.push({ ticket: legacy, savedAt: new Date(0).toISOString() });
  }

  return tickets.sort((a, b) => b.savedAt.localeCompare(a.savedAt)).slice(0, maxTickets);
}

/** Adds (or moves to the top) a ticket just filed; returns the list as saved. */
export function rememberTicket(storage: TicketStorage, ticket: string, now: Date): SavedTicket[] {
  if (!isTicket(ticket)) return loadTickets(storage);
  const tickets = [{ ticket, savedAt: now.toISOString() }, ...loadTickets(storage).filter((t) => t.ticket !== ticket)].slice(0, maxTickets);
  save(storage, tickets);
  return tickets;
}

/** Forgets a ticket in this browser (the report itself stays with the city). */
export function forgetTicket(storage: TicketStorage, ticket: string): SavedTicket[] {
  const tickets = loadTickets(storage).filter((t) => t.ticket !== ticket);
  save(storage, tickets);
  return tickets;
}

function save(storage: TicketStorage, tickets: SavedTicket[]): void {
  storage.setItem(storageKey, JSON.stringify(tickets));
  // The legacy key is folded in on every load; once saved in the new list it must not come back after a "forget".
  storage.removeItem(legacyKey);
}

/** Open reports first (they are what a resident checks on), then most recently updated. */
export function orderForDisplay<T extends { status?: string; updatedAt?: string; ticket: string }>(reports: T[]): T[] {
  const closed = (s?: string) => s === "Resolved" || s === "Dismissed";
  return [...reports].sort((a, b) =>
    Number(closed(a.status)) - Number(closed(b.status)) || (b.updatedAt ?? "").localeCompare(a.updatedAt ?? "") || a.ticket.localeCompare(b.ticket));
}
