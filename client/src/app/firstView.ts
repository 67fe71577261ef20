import type { Router } from 'vue-router';
import { MAP_READY_MARK } from '../maplibre/context';

/** How long work waiting for the first view waits at most once the first page is up (a map that cannot draw). */
export const FIRST_VIEW_AT_THE_LATEST_MS = 30_000;
/** How often the map's first draw (its performance mark) is looked for. */
const MARK_POLL_MS = 250;

/** What `afterFirstView` watches; tests pass fakes. */
export interface FirstViewSignals {
  /** Whether the map has first drawn (MapView's `qingbo:map-ready` mark). */
  mapDrawn?: () => boolean;
  /** Settles when the window has loaded. */
  windowLoaded?: () => Promise<void>;
}

function windowLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => globalThis.addEventListener('load', () => resolve(), { once: true }));
}

/**
 * Settles once the first page the app opens is up: on a page that draws a map (`meta.drawsMap`), when the map has
 * first drawn, at the latest `FIRST_VIEW_AT_THE_LATEST_MS` after the page was resolved; on any other page, when the
 * window has loaded. Work the first view does not need waits for it (the service worker's registration, whose
 * precache would take the network from the map's tiles on a first visit).
 */
export async function afterFirstView(router: Router, signals: FirstViewSignals = {}): Promise<void> {
  const mapDrawn = signals.mapDrawn ?? (() => performance.getEntriesByName(MAP_READY_MARK).length > 0);
  await router.isReady();
  if (!router.currentRoute.value.meta.drawsMap) return (signals.windowLoaded ?? windowLoaded)();
  const deadline = Date.now() + FIRST_VIEW_AT_THE_LATEST_MS;
  while (!mapDrawn() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, MARK_POLL_MS));
}
