/// <reference lib="webworker" />
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { flushOutboxInWorker } from './outboxSync';
import {
  ASSET_CACHE, MAP_CACHE, OUTBOX_SYNC_TAG, USER_CACHE, USER_SCOPED_CACHES,
  cacheableMapStatus, classifyRequest, endsUserData, type RequestKind, type SwMessage,
} from './rules';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** Seconds a navigation or a user API call may take before the cached copy answers (a dead spot often hangs). */
const NETWORK_TIMEOUT = 6;
const MATCH = { ignoreVary: true };

/** Bumped whenever the user's caches are emptied: an answer to a request sent before that is not cached. */
let sessionGeneration = 0;

async function clearUserCaches(): Promise<void> {
  sessionGeneration += 1;
  await Promise.all(USER_SCOPED_CACHES.map((name) => caches.delete(name)));
}

/**
 * Keeps a request that was in flight when the session ended (a map tile still loading at sign-out) from writing the
 * signed-out user's data back into a freshly emptied cache. The session is read when the worker starts handling the
 * request, in the order the page sent them: a cache-first request whose cache lookup is still pending when a sign-out
 * is handled would otherwise reach the network (and `requestWillFetch`) after the caches were emptied.
 */
const sameSession: WorkboxPlugin = {
  handlerWillStart: async ({ state }) => {
    if (state) state.generation = sessionGeneration;
  },
  cacheWillUpdate: async ({ response, state }) => (state?.generation === sessionGeneration ? response : null),
};

/** Empties the user's caches when an answer says the session is over (401) or changed (sign-in/out). */
function sessionGuard(kind: RequestKind): WorkboxPlugin {
  return {
    fetchDidSucceed: async ({ response }) => {
      if (endsUserData(kind, response.status)) await clearUserCaches();
      return response;
    },
  };
}

/** Workbox caches only 200s unless a plugin decides: with `sameSession` deciding, this keeps that rule. */
const okOnly: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null),
};

const shellFallback: WorkboxPlugin = {
  handlerDidError: async () => (await matchPrecache('/')) ?? Response.error(),
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const is = (kind: RequestKind) => ({ request }: { request: Request }) => classifyRequest(request, self.location.origin) === kind;

registerRoute(is('navigation'), new NetworkOnly({ networkTimeoutSeconds: NETWORK_TIMEOUT, plugins: [shellFallback] }));
registerRoute(is('asset'), new CacheFirst({ cacheName: ASSET_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 200 })] }));
registerRoute(is('user-api'), new NetworkFirst({
  cacheName: USER_CACHE, networkTimeoutSeconds: NETWORK_TIMEOUT, matchOptions: MATCH, plugins: [sessionGuard('user-api'), sameSession, okOnly],
}));
const mapPlugins = (kind: RequestKind) => [
  sessionGuard(kind),
  sameSession,
  { cacheWillUpdate: async ({ response }: { response: Response }) => (cacheableMapStatus(response.status) ? response : null) },
  new ExpirationPlugin({ maxEntries: 3000, purgeOnQuotaError: true }),
];
registerRoute(is('map'), new NetworkFirst({ cacheName: MAP_CACHE, networkTimeoutSeconds: NETWORK_TIMEOUT, matchOptions: MATCH, plugins: mapPlugins('map') }));
registerRoute(is('map-versioned'), new CacheFirst({ cacheName: MAP_CACHE, matchOptions: MATCH, plugins: mapPlugins('map-versioned') }));
registerRoute(is('session-change'), new NetworkOnly({ plugins: [sessionGuard('session-change')] }), 'POST');

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as SwMessage | undefined;
  if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (message?.type === 'CLEAR_USER_CACHES') event.waitUntil(clearUserCaches());
});

async function syncOutbox(): Promise<void> {
  const result = await flushOutboxInWorker();
  if (result.sent.length + result.failed.length > 0) {
    const message: SwMessage = { type: 'OUTBOX_CHANGED', sent: result.sent.length };
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
  }
  // A rejected promise makes the browser try this sync again later, with its own backoff.
  if (result.waiting.length > 0) throw new Error(`${result.waiting.length} queued case(s) still waiting`);
}

self.addEventListener('sync', (event: Event) => {
  const sync = event as ExtendableEvent & { tag: string };
  if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(syncOutbox());
});
