import { ref, watch, type Ref } from 'vue';
import { OUTBOX_SYNC_TAG, USER_API_PATHS, USER_SCOPED_CACHES, type SwMessage } from '../../../sw/rules';

/** What the app knows about its service worker. */
export interface ServiceWorkerState {
  /** The page is served by the service worker: it opens again without network. */
  offlineReady: Ref<boolean>;
  /** A new version is installed and waits for the user to reload. */
  updateWaiting: Ref<boolean>;
}

const state: ServiceWorkerState = { offlineReady: ref(false), updateWaiting: ref(false) };
/** Activates the waiting version, once the registration (and workbox-window) is in. */
let skipWaiting: (() => void) | undefined;
let registering = false;

/** The service worker's state (all false where none is registered: development, tests, old browsers). */
export function useServiceWorker(): ServiceWorkerState & { applyUpdate(): void } {
  return { ...state, applyUpdate };
}

/**
 * Registers `/sw.js` (production builds only; the caller checks `import.meta.env.PROD`) once `when` settles, with
 * workbox-window fetched then (see ./registration.ts). Whether the page is served by the service worker is followed
 * from now on. A new version waits until the user accepts it (`applyUpdate`), so a half-filled form is never
 * reloaded from under them.
 */
export function registerServiceWorker(
  when: Promise<unknown> = Promise.resolve(),
  container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker,
): void {
  if (!container || registering) return;
  registering = true;
  state.offlineReady.value = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    state.offlineReady.value = container.controller !== null;
  });
  void when
    .then(() => import('./registration'))
    .then(({ registerWorkbox }) => {
      skipWaiting = registerWorkbox(() => {
        state.updateWaiting.value = true;
      });
    })
    .catch((e: unknown) => console.warn('service worker: not registered', e));
}

/** Activates the waiting version; the page reloads once it has taken over. */
function applyUpdate(): void {
  if (!skipWaiting) return globalThis.location.reload();
  skipWaiting();
}

/** Asks the browser to send queued cases when the network returns, even with the app closed (Background Sync). */
export async function requestOutboxSync(container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker): Promise<boolean> {
  if (!container?.controller) return false;
  const registration = (await container.ready) as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };
  if (!registration.sync) return false;
  try {
    await registration.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch (e) {
    console.warn('background sync: not registered', e);
    return false;
  }
}

/** Calls `listener` when the service worker has sent queued cases; returns the remover. */
export function onOutboxChanged(listener: () => void, container: ServiceWorkerContainer | undefined = globalThis.navigator?.serviceWorker): () => void {
  if (!container) return () => {};
  const onMessage = (event: MessageEvent) => {
    if ((event.data as SwMessage | undefined)?.type === 'OUTBOX_CHANGED') listener();
  };
  container.addEventListener('message', onMessage);
  return () => container.removeEventListener('message', onMessage);
}

/** Options of `syncUserCaches`; tests pass fakes. */
export interface SyncUserCachesOptions {
  /** Id of the signed-in user, or null. */
  userId: () => number | null;
  /** Whether the service worker controls the page (its fetches then fill the user's cache). */
  controlled?: () => boolean;
  caches?: Pick<CacheStorage, 'delete'>;
  fetch?: (url: string, init?: RequestInit) => Promise<unknown>;
}

/**
 * Keeps the user's offline copies in step with the session: when the signed-in user goes away
 * or changes, the caches that hold one user's data (identity, catalogue, map tiles) are emptied
 * so that the next person on this device never sees them; when a user is signed in under the
 * service worker, the answers the filing page needs offline are fetched once through it. The
 * service worker also empties those caches itself on sign-in/sign-out requests and 401s.
 * Returns the watcher's stopper.
 */
export function syncUserCaches(options: SyncUserCachesOptions): () => void {
  const controlled = options.controlled ?? (() => state.offlineReady.value);
  const storage = options.caches ?? globalThis.caches;
  const get = options.fetch ?? ((url: string, init?: RequestInit) => globalThis.fetch(url, init));
  return watch(() => [options.userId(), controlled()] as const, async ([now, ready], old) => {
    const before = old?.[0];
    if (before !== null && before !== undefined && now !== before && storage) {
      await Promise.all(USER_SCOPED_CACHES.map((name) => storage.delete(name)));
    }
    if (now === null || !ready) return;
    await Promise.all(USER_API_PATHS.map((url) => get(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => undefined)));
  }, { immediate: true });
}

/**
 * Installs offline support for the app: the service worker, registered once `firstView` settles (its precache must
 * not compete with the first page for the network), and the user's offline copies. Production builds only.
 */
export function installOfflineSupport(session: { readonly user: { id: number } | null }, firstView: Promise<unknown> = Promise.resolve()): void {
  registerServiceWorker(firstView);
  syncUserCaches({ userId: () => session.user?.id ?? null });
}
