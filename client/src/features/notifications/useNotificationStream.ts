import { onScopeDispose } from 'vue';
import type { NotificationLiveEvent } from './api';

/** The part of `EventSource` used here (tests pass a fake). */
export interface StreamSource {
  readonly readyState: number;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Options of `useNotificationStream`. */
export interface NotificationStreamOptions {
  onNotification: (live: NotificationLiveEvent) => void;
  /** Called after a reconnect (the list may have missed something). */
  onReconnect?: () => void;
  connect?: (url: string) => StreamSource;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
}

const CLOSED = 2;

/**
 * Listens for the signed-in user's `notification` events on `/api/events` (the server sends each to its
 * recipient's streams only). The browser reconnects a dropped stream itself; a stream closed for good is
 * reopened after a growing delay (5 s … 2 min); the server's `end` event (signed out) stops it. Closes on scope dispose.
 */
export function useNotificationStream(options: NotificationStreamOptions): void {
  const connect = options.connect ?? (typeof EventSource === 'undefined' ? undefined : (u: string) => new EventSource(u) as StreamSource);
  const schedule = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>));
  let source: StreamSource | undefined;
  let timer: unknown;
  let attempt = 0;
  let stopped = false;

  function open(): void {
    if (!connect || stopped) return;
    const current = connect('/api/events');
    source = current;
    current.addEventListener('notification', (event) => {
      attempt = 0;
      try {
        options.onNotification(JSON.parse(String(event.data)) as NotificationLiveEvent);
      } catch (e) {
        console.warn('notifications: unreadable event', e);
      }
    });
    current.addEventListener('end', () => stop());
    current.onerror = () => {
      if (current.readyState !== CLOSED || stopped) return;
      current.close();
      attempt += 1;
      timer = schedule(() => {
        timer = undefined;
        open();
        options.onReconnect?.();
      }, Math.min(5_000 * 2 ** (attempt - 1), 120_000));
    };
  }

  function stop(): void {
    stopped = true;
    if (timer !== undefined) cancel(timer);
    source?.close();
  }

  open();
  onScopeDispose(stop);
}
