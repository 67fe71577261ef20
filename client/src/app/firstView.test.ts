import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { afterFirstView, FIRST_VIEW_AT_THE_LATEST_MS } from './firstView';

const Page = { render: () => null };

async function routerAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases/new', component: Page, meta: { drawsMap: true } },
      { path: '/cases', component: Page },
    ],
  });
  await router.push(path);
  return router;
}

/** Whether `promise` has settled once pending timers and microtasks have run for `ms`. */
async function settledAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(ms);
  return settled;
}

describe('afterFirstView', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on a page that draws a map, waits for its first draw', async () => {
    let drawn = false;
    const view = afterFirstView(await routerAt('/cases/new'), { mapDrawn: () => drawn, windowLoaded: () => Promise.resolve() });
    expect(await settledAfter(view, 5_000), 'the window has loaded, the map has not drawn').toBe(false);
    drawn = true;
    expect(await settledAfter(view, 1_000)).toBe(true);
  });

  it('gives up waiting for a map that does not draw', async () => {
    const view = afterFirstView(await routerAt('/cases/new'), { mapDrawn: () => false });
    expect(await settledAfter(view, FIRST_VIEW_AT_THE_LATEST_MS - 1_000)).toBe(false);
    expect(await settledAfter(view, 2_000)).toBe(true);
  });

  it('on a page without a map, waits for the window to load', async () => {
    let loaded!: () => void;
    const view = afterFirstView(await routerAt('/cases'), { mapDrawn: () => false, windowLoaded: () => new Promise((r) => (loaded = r)) });
    expect(await settledAfter(view, 1_000)).toBe(false);
    loaded();
    expect(await settledAfter(view, 0)).toBe(true);
  });
});
