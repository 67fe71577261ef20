import type { StreamEndEvent, StreamEndReason } from '@shared/events';
import { onScopeDispose, ref, type Ref } from 'vue';
import { browserFetch, notifyAuthFailure } from '../../api/http';
import { fetchMe } from '../auth';
import { retryDelay } from './offline/backoff';
import type { CaseEventMessage } from './types';

/** Case events of the live stream. */
export type CaseEventType = 'case.created' | 'case.changed';

/** The part of `EventSource` the composable uses (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Options of `useCaseEvents`. */
export interface UseCaseEventsOptions {
  onCase?: (type: CaseEventType, data: CaseEventMessage) => void;
  url?: string;
  /** Creates the event source; `new EventSource(url)` by default. */
  connect?: (url: string) => EventSourceLike;
  /** Milliseconds before reconnect number n, after the server closed the stream. */
  delay?: (attempt: number) => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
  /**
   * Whether someone is still signed in, asked when the stream was refused or closed for good
   * (EventSource hides the status: a 401 looks like any failure); `GET /api/auth/me` by default.
   */
  checkSession?: () => Promise<boolean>;
  /**
   * Called once when the stream stops for want of a session: the server ended it (`end`
   * event) or refused it while nobody is signed in. By default the app-wide 401 handler
   * forgets the user and opens the login page.
   */
  onSignedOut?: (reason: SignedOutReason) => void;
}

/** Why the stream stopped for want of a session: the server's `end` reason, or `unauthenticated` for a refused reconnect. */
export type SignedOutReason = StreamEndReason | 'unauthenticated';

/** State of the live stream: connected, (re)connecting, down and waiting to reconnect, or stopped because the session ended. */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'unsupported' | 'signedOut';

const CLOSED = 2;

function parse<T>(event: MessageEvent): T | undefined {
  try {
    return JSON.parse(String(event.data)) as T;
  } catch (e) {
    console.warn(`live updates: unreadable "${event.type}" event`, e);
    return undefined;
  }
}

/**
 * Listens to the server's live events (`/api/events`, server-sent events). The browser
 * reconnects by itself after a dropped connection; when the server refuses the stream (or it
 * is closed for good) this reconnects with a growing delay while someone is still signed in,
 * and stops (status `signedOut`, `onSignedOut`) otherwise. An `end` event from the server (its
 * session was signed out, expired or disabled) stops it at once. Closes on scope dispose.
 */
export function useCaseEvents(options: UseCaseEventsOptions): { status: Ref<LiveStatus> } {
  const url = options.url ?? '/api/events';
  const connect = options.connect ?? (typeof EventSource === 'undefined' ? undefined : (u: string) => new EventSource(u) as EventSourceLike);
  const delay = options.delay ?? ((n: number) => retryDelay(n, { base: 3_000, max: 60_000 }));
  const schedule = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>));
  const checkSession = options.checkSession ?? (async () => (await fetchMe(browserFetch)) !== null);
  const onSignedOut = options.onSignedOut ?? ((reason: SignedOutReason) => notifyAuthFailure({
    status: 401, code: 'unauthenticated', message: `live updates stopped: ${reason}`, method: 'GET', url,
  }));
  const status = ref<LiveStatus>(connect ? 'connecting' : 'unsupported');
  let source: EventSourceLike | undefined;
  let timer: unknown;
  let attempt = 0;
  let disposed = false;
  let stopped = false;

  function signedOut(reason: SignedOutReason): void {
    if (stopped || disposed) return;
    stopped = true;
    source?.close();
    status.value = 'signedOut';
    onSignedOut(reason);
  }

  function reconnectLater(): void {
    if (stopped || disposed) return;
    attempt += 1;
    timer = schedule(open, delay(attempt));
  }

  function open(): void {
    if (!connect || disposed || stopped) return;
    timer = undefined;
    status.value = 'connecting';
    const current = connect(url);
    source = current;
    current.onopen = () => {
      attempt = 0;
      status.value = 'live';
    };
    current.onerror = () => {
      if (current.readyState !== CLOSED) {
        status.value = 'connecting';
        return;
      }
      current.close();
      status.value = 'offline';
      checkSession().then((signedIn) => (signedIn ? reconnectLater() : signedOut('unauthenticated')), reconnectLater);
    };
    current.addEventListener('end', (event) => signedOut(parse<StreamEndEvent>(event)?.reason ?? 'session_ended'));
    for (const type of ['case.created', 'case.changed'] as const) {
      current.addEventListener(type, (event) => {
        const data = parse<CaseEventMessage>(event);
        if (data) options.onCase?.(type, data);
      });
    }
  }

  open();

  onScopeDispose(() => {
    disposed = true;
    if (timer !== undefined) cancel(timer);
    source?.close();
  });

  return { status };
}
