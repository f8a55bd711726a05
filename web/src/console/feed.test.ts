import { describe, expect, it } from "vitest";
import { LiveFeed, type EventSourceLike, type FeedState } from "./feed";

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private readonly listeners = new Map<string, (ev: MessageEvent) => void>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (ev: MessageEvent) => void): void {
    this.listeners.set(type, listener);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  emit(type: string, id: number, data: unknown): void {
    this.listeners.get(type)?.({ lastEventId: String(id), data: JSON.stringify(data) } as MessageEvent);
  }

  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
}

function setup(signedIn = true) {
  const sources: FakeSource[] = [];
  const states: FeedState[] = [];
  const events: Array<[string, number]> = [];
  const timers: Array<() => void> = [];
  const delays: number[] = [];
  const feed = new LiveFeed({
    url: "/api/v1/stream",
    events: ["incident.created"],
    open: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    onEvent: (type, _data, id) => events.push([type, id]),
    onState: (s) => states.push(s),
    stillSignedIn: async () => signedIn,
    setTimer: (fn, ms) => {
      timers.push(fn);
      delays.push(ms);
    },
  });
  return { feed, sources, states, events, timers, delays };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("LiveFeed", () => {
  it("shows reconnecting while the browser retries by itself, and live again on the next event", () => {
    const { feed, sources, states, events } = setup();
    feed.start();
    sources[0]!.open();
    sources[0]!.emit("incident.created", 1, {});
    sources[0]!.fail(false);
    expect(states.at(-1)).toBe("reconnecting");
    expect(sources).toHaveLength(1);
    sources[0]!.open();
    sources[0]!.emit("incident.created", 2, {});
    expect(states.at(-1)).toBe("live");
    expect(events).toEqual([["incident.created", 1], ["incident.created", 2]]);
  });

  it("reopens from the last event id after the browser gives up, backing off", async () => {
    const { feed, sources, timers, delays } = setup();
    feed.start();
    sources[0]!.open();
    sources[0]!.emit("incident.created", 41, {});
    sources[0]!.fail(true);
    await flush();
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(sources[1]!.url).toBe("/api/v1/stream?lastEventId=41");
    sources[1]!.fail(true);
    await flush();
    timers[1]!();
    expect(delays).toEqual([1000, 2000]);
    sources[2]!.open();
    sources[2]!.fail(true);
    await flush();
    expect(delays.at(-1)).toBe(1000);
  });

  it("drops events replayed at or below the last id seen", () => {
    const { feed, sources, events } = setup();
    feed.start();
    sources[0]!.open();
    sources[0]!.emit("incident.created", 5, {});
    sources[0]!.emit("incident.created", 5, {});
    sources[0]!.emit("incident.created", 4, {});
    sources[0]!.emit("incident.created", 6, {});
    expect(events.map(([, id]) => id)).toEqual([5, 6]);
    expect(feed.lastEventId).toBe(6);
  });

  it("stops instead of retrying when the session has ended", async () => {
    const { feed, sources, states, timers } = setup(false);
    feed.start();
    sources[0]!.fail(true);
    await flush();
    expect(timers).toHaveLength(0);
    expect(states.at(-1)).toBe("stopped");
  });
});
