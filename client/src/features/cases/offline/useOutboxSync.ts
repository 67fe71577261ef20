import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import type { OnlineWindow } from '../../../composables/useOnline';
import { retryDelay } from './backoff';
import type { FlushResult } from './outbox';

/** The part of the outbox store the sync drives. */
export interface SyncTarget {
  load(): Promise<void>;
  flush(): Promise<FlushResult>;
  readonly waiting: readonly unknown[];
}

/** Options of `useOutboxSync`. */
export interface UseOutboxSyncOptions {
  store: SyncTarget;
  /** Whether to sync at all (e.g. only for a signed-in user who files cases). */
  enabled?: MaybeRefOrGetter<boolean>;
  /** Window with `online`/`offline` events and `navigator.onLine`; tests pass a fake. */
  window?: OnlineWindow;
  /** Milliseconds before retry number n. */
  delay?: (attempt: number) => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
}

/** What `useOutboxSync` returns. */
export interface OutboxSync {
  /** The browser's idea of being online. */
  online: Ref<boolean>;
  /** When the next retry is due (epoch ms), or null. */
  nextRetryAt: Ref<number | null>;
  /** Flushes now, resetting the backoff. */
  syncNow(): Promise<void>;
}

/**
 * Sends queued cases when the network returns: at start, on every `online` event and, while
 * entries stay queued, again after a growing delay (2 s, 4 s, … up to a minute, with jitter).
 * Stops its timer and listeners when the calling scope is disposed.
 */
export function useOutboxSync(options: UseOutboxSyncOptions): OutboxSync {
  const win = options.window ?? globalThis.window;
  const delay = options.delay ?? ((n: number) => retryDelay(n));
  const schedule = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>));
  const online = ref(win?.navigator.onLine !== false);
  const nextRetryAt = ref<number | null>(null);
  let attempt = 0;
  let timer: unknown;
  let active = true;
  let busy = false;

  const enabled = () => active && toValue(options.enabled ?? true);

  function stopTimer(): void {
    if (timer !== undefined) cancel(timer);
    timer = undefined;
    nextRetryAt.value = null;
  }

  function retryLater(): void {
    attempt += 1;
    const ms = delay(attempt);
    nextRetryAt.value = Date.now() + ms;
    timer = schedule(() => void tick(), ms);
  }

  async function tick(): Promise<void> {
    stopTimer();
    if (!enabled()) return;
    busy = true;
    try {
      if (online.value) await options.store.flush();
      else await options.store.load();
    } finally {
      busy = false;
    }
    if (!enabled() || !online.value || options.store.waiting.length === 0) {
      attempt = 0;
      return;
    }
    retryLater();
  }

  async function syncNow(): Promise<void> {
    attempt = 0;
    await tick();
  }

  const onOnline = () => {
    online.value = true;
    void syncNow();
  };
  const onOffline = () => {
    online.value = false;
    stopTimer();
  };
  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', onOffline);

  watch(() => toValue(options.enabled ?? true), (on) => {
    if (on) void syncNow();
    else stopTimer();
  }, { immediate: true });

  // A case queued elsewhere (e.g. the filing form, when a send failed) gets retried too.
  watch(() => options.store.waiting.length, (count, before) => {
    if (count > before && !busy && timer === undefined && enabled() && online.value) retryLater();
  });

  onScopeDispose(() => {
    active = false;
    stopTimer();
    win?.removeEventListener('online', onOnline);
    win?.removeEventListener('offline', onOffline);
  });

  return { online, nextRetryAt, syncNow };
}
