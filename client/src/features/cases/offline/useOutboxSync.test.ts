import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, reactive } from 'vue';
import { retryDelay } from './backoff';
import { useOutboxSync } from './useOutboxSync';

/** A window whose online flag and events the test controls. */
function fakeWindow(onLine: boolean) {
  const listeners = new Map<string, Set<() => void>>();
  return {
    navigator: { onLine },
    addEventListener: (type: string, fn: () => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(fn),
    removeEventListener: (type: string, fn: () => void) => void listeners.get(type)?.delete(fn),
    fire(type: 'online' | 'offline') {
      this.navigator.onLine = type === 'online';
      for (const fn of listeners.get(type) ?? []) fn();
    },
    count: (type: string) => listeners.get(type)?.size ?? 0,
  };
}

/** A store whose flush succeeds once `up` is set. */
function fakeStore() {
  const store = reactive({
    up: false,
    flushes: 0,
    loads: 0,
    waiting: ['a'] as string[],
    async load() {
      store.loads += 1;
    },
    async flush() {
      store.flushes += 1;
      if (store.up) store.waiting = [];
      return { sent: [], failed: [], waiting: store.waiting };
    },
  });
  return store;
}

/** Timers the test runs by hand. */
function fakeTimers() {
  const pending: { id: number; run: () => void; ms: number }[] = [];
  let next = 0;
  return {
    pending,
    setTimeout: (run: () => void, ms: number) => {
      pending.push({ id: ++next, run, ms });
      return next;
    },
    clearTimeout: (id: unknown) => {
      const index = pending.findIndex((p) => p.id === id);
      if (index >= 0) pending.splice(index, 1);
    },
    async runNext() {
      pending.shift()?.run();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('useOutboxSync', () => {
  it('retries with growing delays while online and entries stay queued, and stops once sent', async () => {
    const win = fakeWindow(true);
    const store = fakeStore();
    const timers = fakeTimers();
    const scope = effectScope();
    scope.run(() => useOutboxSync({ store, window: win, delay: (n) => 1000 * 2 ** (n - 1), setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout }));
    await settle();

    expect(store.flushes).toBe(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);
    await timers.runNext();
    expect(timers.pending.map((t) => t.ms)).toEqual([2000]);

    store.up = true;
    await timers.runNext();
    expect(store.flushes).toBe(3);
    expect(timers.pending).toEqual([]);
    scope.stop();
  });

  it('waits for the online event while offline, then sends at once', async () => {
    const win = fakeWindow(false);
    const store = fakeStore();
    const timers = fakeTimers();
    const scope = effectScope();
    const sync = scope.run(() => useOutboxSync({ store, window: win, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout }))!;
    await settle();

    expect(sync.online.value).toBe(false);
    expect(store.flushes).toBe(0);
    expect(store.loads).toBe(1);
    expect(timers.pending, 'no polling while offline').toEqual([]);

    store.up = true;
    win.fire('online');
    await settle();
    expect(sync.online.value).toBe(true);
    expect(store.flushes).toBe(1);
    expect(store.waiting).toEqual([]);

    scope.stop();
    expect(win.count('online'), 'listeners are removed with the scope').toBe(0);
  });

  it('retries a case queued by the filing form', async () => {
    const win = fakeWindow(true);
    const store = fakeStore();
    store.up = true;
    const timers = fakeTimers();
    const scope = effectScope();
    scope.run(() => useOutboxSync({ store, window: win, delay: () => 500, setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout }));
    await settle();
    expect(timers.pending).toEqual([]);

    store.waiting = ['b'];
    await nextTick();
    expect(timers.pending.map((t) => t.ms)).toEqual([500]);
    await timers.runNext();
    expect(store.waiting).toEqual([]);
    scope.stop();
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the maximum, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n, { base: 1000, max: 8000, random: mid }))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(retryDelay(1, { base: 1000, random: () => 0 })).toBe(800);
    expect(retryDelay(1, { base: 1000, random: () => 1 })).toBe(1200);
  });
});
