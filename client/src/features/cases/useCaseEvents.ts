import { type Ref } from 'vue';
import { notifyAuthFailure } from '../../api/http';
import { createLiveHub, sharedLiveHub, useLiveEvents, type EventSourceLike, type LiveHub, type LiveStatus, type SignedOutReason } from '../../live';
import { retryDelay } from './offline/backoff';
import type { CaseEventMessage } from './types';

export type { EventSourceLike, LiveStatus, SignedOutReason } from '../../live';

/** Case events of the live stream. */
export type CaseEventType = 'case.created' | 'case.changed';

/** Options of `useCaseEvents`. */
export interface UseCaseEventsOptions {
  onCase?: (type: CaseEventType, data: CaseEventMessage) => void;
  /** The live stream to listen on: the page's shared one, unless any of the options below ask for a stream of its own (tests). */
  hub?: LiveHub;
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

/** A stream of its own when the options configure one (tests), else the page's shared stream. */
function hubOf(options: UseCaseEventsOptions): LiveHub {
  if (options.hub) return options.hub;
  const { url, connect, delay, setTimeout, clearTimeout, checkSession } = options;
  if (![url, connect, delay, setTimeout, clearTimeout, checkSession].some((o) => o !== undefined)) return sharedLiveHub();
  return createLiveHub({
    url, connect, setTimeout, clearTimeout,
    delay: delay ?? ((n: number) => retryDelay(n, { base: 3_000, max: 60_000 })),
    checkSession: checkSession ?? (async () => true),
  });
}

/**
 * Listens to the server's case events (`case.created`, `case.changed`) on the page's live
 * stream (see `createLiveHub`: reconnects, replays what was missed). The listener needs a
 * session: when the server ends the stream with its session, or refuses a reconnect while
 * nobody is signed in, it stops (status `signedOut`, `onSignedOut`). Stops listening on scope dispose.
 */
export function useCaseEvents(options: UseCaseEventsOptions): { status: Ref<LiveStatus> } {
  const url = options.url ?? '/api/events';
  const onSignedOut = options.onSignedOut ?? ((reason: SignedOutReason) => notifyAuthFailure({
    status: 401, code: 'unauthenticated', message: `live updates stopped: ${reason}`, method: 'GET', url,
  }));
  const handler = (type: CaseEventType) => (data: unknown) => options.onCase?.(type, data as CaseEventMessage);
  return useLiveEvents({
    hub: hubOf(options),
    on: { 'case.created': handler('case.created'), 'case.changed': handler('case.changed') },
    requireSession: true,
    onSignedOut,
  });
}
