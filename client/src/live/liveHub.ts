import type { StreamEndEvent, StreamEndReason } from '@shared/events';
import { ref, type Ref } from 'vue';

/** The part of `EventSource` the hub uses (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** State of the live stream: connected, (re)connecting, down and waiting to reconnect, not available, or stopped because the session ended. */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'unsupported' | 'signedOut';

/** Why the stream stopped for want of a session: the server's `end` reason, or `unauthenticated` for a refused reconnect. */
export type SignedOutReason = StreamEndReason | 'unauthenticated';

/** One listener of the hub: handlers per event type (data already parsed), and what to do when the session ends. */
export interface LiveSubscriber {
  /** Handlers by event type (`case.created`, `layer.changed`, …), called with the event's parsed data. */
  on: Record<string, (data: unknown) => void>;
  /**
   * Whether the listener needs a session (case details): a stream refused while nobody is signed in
   * then stops (`signedOut`). Without it (a public map) the hub keeps reconnecting anonymously.
   */
  requireSession?: boolean;
  /** Called once when the stream stops for want of a session. */
  onSignedOut?: (reason: SignedOutReason) => void;
}

/** Options of `createLiveHub`; every one has a browser default, tests inject fakes. */
export interface LiveHubOptions {
  url?: string;
  /** Creates the event source; `new EventSource(url)` by default. */
  connect?: (url: string) => EventSourceLike;
  /** Milliseconds before reconnect number n, after the server closed the stream. */
  delay: (attempt: number) => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
  /** Whether someone is signed in, asked when the stream was refused or closed for good (EventSource hides the status). */
  checkSession: () => Promise<boolean>;
  /** Milliseconds the stream stays open after its last listener left (a page change reuses it); 0 closes at once. */
  lingerMs?: number;
}

/** One server-sent event stream shared by every listener of a page. */
export interface LiveHub {
  status: Ref<LiveStatus>;
  /** Adds a listener (opening the stream if it is the first); returns the function that removes it. */
  subscribe(subscriber: LiveSubscriber): () => void;
  /**
   * Opens the stream again for the listeners it has (another user signed in, or the user signed out):
   * a stream carries the events of the session that opened it, so it must not outlive that session.
   * What the old stream missed is not asked for.
   */
  restart(): void;
}

const CLOSED = 2;

function parse(event: MessageEvent): unknown {
  try {
    return JSON.parse(String(event.data));
  } catch (e) {
    console.warn(`live updates: unreadable "${event.type}" event`, e);
    return undefined;
  }
}

/**
 * One live stream (`GET /api/events`) shared by all its listeners, open while anyone listens. The
 * browser reconnects a dropped stream by itself (sending Last-Event-ID); when the server closed it
 * for good this reconnects with a growing delay, asking for what was missed (`?lastEventId=`), while
 * someone is signed in or no listener needs a session, and stops (`signedOut`) otherwise. An `end`
 * event (the stream's session was signed out, expired or disabled) stops it at once.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const url = options.url ?? '/api/events';
  const connect = options.connect ?? (typeof EventSource === 'undefined' ? undefined : (u: string) => new EventSource(u) as EventSourceLike);
  const schedule = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>));
  const lingerMs = options.lingerMs ?? 0;
  const status = ref<LiveStatus>(connect ? 'connecting' : 'unsupported');
  const subscribers = new Set<LiveSubscriber>();
  let source: EventSourceLike | undefined;
  let registered = new Set<string>();
  let reconnectTimer: unknown;
  let lingerTimer: unknown;
  let attempt = 0;
  let lastEventId: string | undefined;

  function dispatch(type: string, event: MessageEvent): void {
    if (event.lastEventId) lastEventId = event.lastEventId;
    const data = parse(event);
    if (data === undefined) return;
    for (const s of [...subscribers]) s.on[type]?.(data);
  }

  function listen(current: EventSourceLike, type: string): void {
    if (registered.has(type)) return;
    registered.add(type);
    current.addEventListener(type, (event) => {
      if (current === source) dispatch(type, event);
    });
  }

  function stopTimers(): void {
    if (reconnectTimer !== undefined) cancel(reconnectTimer);
    reconnectTimer = undefined;
  }

  function close(): void {
    stopTimers();
    source?.close();
    source = undefined;
    registered = new Set();
  }

  function signedOut(reason: SignedOutReason): void {
    if (status.value === 'signedOut') return;
    close();
    status.value = 'signedOut';
    for (const s of [...subscribers]) s.onSignedOut?.(reason);
  }

  function reconnectLater(): void {
    if (subscribers.size === 0 || status.value === 'signedOut') return;
    attempt += 1;
    reconnectTimer = schedule(open, options.delay(attempt));
  }

  function open(): void {
    reconnectTimer = undefined;
    if (!connect || subscribers.size === 0) return;
    status.value = 'connecting';
    const current = connect(lastEventId === undefined ? url : `${url}?lastEventId=${encodeURIComponent(lastEventId)}`);
    source = current;
    registered = new Set();
    current.onopen = () => {
      attempt = 0;
      status.value = 'live';
    };
    current.onerror = () => {
      if (current !== source) return;
      if (current.readyState !== CLOSED) {
        status.value = 'connecting';
        return;
      }
      close();
      status.value = 'offline';
      const needsSession = [...subscribers].some((s) => s.requireSession);
      options.checkSession().then(
        (signedIn) => (signedIn || !needsSession ? reconnectLater() : signedOut('unauthenticated')),
        reconnectLater,
      );
    };
    current.addEventListener('end', (event) => {
      if (current === source) signedOut((parse(event) as StreamEndEvent | undefined)?.reason ?? 'session_ended');
    });
    for (const s of subscribers) for (const type of Object.keys(s.on)) listen(current, type);
  }

  function subscribe(subscriber: LiveSubscriber): () => void {
    if (lingerTimer !== undefined) {
      cancel(lingerTimer);
      lingerTimer = undefined;
    }
    subscribers.add(subscriber);
    if (status.value === 'signedOut' && subscribers.size === 1) status.value = connect ? 'connecting' : 'unsupported';
    if (source) for (const type of Object.keys(subscriber.on)) listen(source, type);
    else if (reconnectTimer === undefined && status.value !== 'signedOut') open();
    return () => {
      if (!subscribers.delete(subscriber) || subscribers.size > 0) return;
      if (lingerMs <= 0) close();
      else lingerTimer = schedule(() => {
        lingerTimer = undefined;
        if (subscribers.size === 0) close();
      }, lingerMs);
    };
  }

  function restart(): void {
    if (lingerTimer !== undefined) cancel(lingerTimer);
    lingerTimer = undefined;
    close();
    attempt = 0;
    lastEventId = undefined;
    status.value = connect ? 'connecting' : 'unsupported';
    if (subscribers.size > 0) open();
  }

  return { status, subscribe, restart };
}
