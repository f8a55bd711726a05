/** The minimal EventSource surface the feed uses, so that tests can drive it without a browser. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export type FeedState = "connecting" | "live" | "reconnecting" | "stopped";

export interface FeedOptions {
  url: string;
  events: string[];
  open: (url: string) => EventSourceLike;
  onEvent: (type: string, data: unknown, id: number) => void;
  onState: (state: FeedState) => void;
  /** Asked after the browser gave up on the stream: false when the session has ended (stop, sign in again). */
  stillSignedIn: () => Promise<boolean>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** Back-off after a refused connection: 1 s, doubling, capped at 30 s. */
  maxDelayMs?: number;
}

const CLOSED = 2;

/**
 * The live feed over Server-Sent Events. The browser reconnects by itself after a dropped stream and sends
 * Last-Event-ID; when it gives up (the server answered with an error, or was down when it retried) this opens a new
 * stream with ?lastEventId= so nothing is missed. Events at or below the last id seen are dropped, because a
 * reconnect replays from storage what the server cannot tell was already delivered.
 */
export class LiveFeed {
  private source: EventSourceLike | undefined;
  private lastId = 0;
  private attempt = 0;
  private stopped = false;
  private state: FeedState = "connecting";

  constructor(private readonly options: FeedOptions) {}

  get lastEventId(): number {
    return this.lastId;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.setState("stopped");
  }

  private connect(): void {
    const url = this.lastId > 0 ? `${this.options.url}?lastEventId=${this.lastId}` : this.options.url;
    const source = this.options.open(url);
    this.source = source;
    source.onopen = () => {
      this.attempt = 0;
      this.setState("live");
    };
    source.onerror = () => {
      if (this.stopped || source !== this.source) return;
      if (source.readyState !== CLOSED) {
        // The browser is retrying on its own, with Last-Event-ID.
        this.setState("reconnecting");
        return;
      }
      this.setState("reconnecting");
      source.close();
      void this.retry();
    };
    for (const type of this.options.events) {
      source.addEventListener(type, (ev) => this.receive(type, ev));
    }
  }

  private receive(type: string, ev: MessageEvent): void {
    const id = Number(ev.lastEventId);
    if (Number.isFinite(id) && id > 0) {
      if (id <= this.lastId) return;
      this.lastId = id;
    }
    if (this.state !== "live") this.setState("live");
    this.options.onEvent(type, JSON.parse(ev.data as string), id);
  }

  private async retry(): Promise<void> {
    let signedIn = true;
    try {
      signedIn = await this.options.stillSignedIn();
    } catch {
      // The server is unreachable: keep trying.
    }
    if (!signedIn) {
      this.stop();
      return;
    }
    const delay = Math.min(this.options.maxDelayMs ?? 30_000, 1000 * 2 ** this.attempt++);
    const setTimer = this.options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    setTimer(() => {
      if (!this.stopped) this.connect();
    }, delay);
  }

  private setState(state: FeedState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }
}
