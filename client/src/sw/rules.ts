/** Cache of the signed-in user's API answers (who am I, the category catalogue): emptied on sign-in, sign-out and 401. */
export const USER_CACHE = 'qingbo-user-v1';
/** Cache of map styles and tiles; they need a session when public read access is off, so it is emptied with the user's. */
export const MAP_CACHE = 'qingbo-map-v1';
/** Cache of hashed build files that the precache manifest left out. */
export const ASSET_CACHE = 'qingbo-assets-v1';
/** Caches that hold what one user may see and another may not. */
export const USER_SCOPED_CACHES: readonly string[] = [USER_CACHE, MAP_CACHE];
/** Background Sync tag under which queued cases are sent. */
export const OUTBOX_SYNC_TAG = 'qingbo-outbox';

/** Messages between the pages and the service worker. */
export type SwMessage =
  | { type: 'SKIP_WAITING' }
  | { type: 'CLEAR_USER_CACHES' }
  | { type: 'OUTBOX_CHANGED'; sent: number };

/**
 * How the service worker answers a request:
 * - `navigation`: network first, the cached app shell when the network fails;
 * - `asset`: hashed build files, cache first (they never change under one name);
 * - `user-api`: the few GETs the filing page needs offline, network first, per user;
 * - `map`: the layer catalogue, styles, TileJSON and unversioned tiles, network first with the cache as
 *   fallback (a TileJSON carries the layer versions: a stale one would hide an edit just saved; the
 *   catalogue gives the extent the phone's location map opens on, so without it no map draws offline);
 * - `map-versioned`: tiles whose URL names their layer version (`?v=`), cache first (they never change);
 * - `session-change`: sign-in/sign-out, sent to the network, then the user's caches are emptied;
 * - `network`: everything else, untouched (every other API call and every write).
 */
export type RequestKind = 'navigation' | 'asset' | 'user-api' | 'map' | 'map-versioned' | 'session-change' | 'network';

/** API GETs answered from the user's cache when the network is down. */
export const USER_API_PATHS: readonly string[] = ['/api/auth/me', '/api/cases/categories'];
/** API GETs a map needs to draw (the layer catalogue), cached with the map's styles and tiles. */
export const MAP_API_PATHS: readonly string[] = ['/api/layers'];
const SESSION_CHANGES: readonly string[] = ['/api/auth/login', '/api/auth/logout'];
/** First path segments that belong to the server, never to the single-page app. */
const SERVER_PREFIXES = /^\/(api|ogc|tiles|styles|open311)(\/|$)/;

/** The part of a `Request` the rules read. */
export interface RequestFacts {
  method: string;
  url: string;
  mode: RequestMode | string;
}

/** Classifies a request of the service worker's own origin (`origin`); other origins are `network`. */
export function classifyRequest(request: RequestFacts, origin: string): RequestKind {
  const url = new URL(request.url);
  if (url.origin !== origin) return 'network';
  const path = url.pathname;
  if (request.method === 'POST' && SESSION_CHANGES.includes(path)) return 'session-change';
  if (request.method !== 'GET') return 'network';
  if (request.mode === 'navigate') return SERVER_PREFIXES.test(path) ? 'network' : 'navigation';
  if (path.startsWith('/assets/')) return 'asset';
  if (USER_API_PATHS.includes(path) && url.search === '') return 'user-api';
  if (MAP_API_PATHS.includes(path) && url.search === '') return 'map';
  if (/^\/tiles\/.+\.mvt$/.test(path) && url.searchParams.has('v')) return 'map-versioned';
  if (/^\/styles\/[\w-]+\.json$/.test(path) || /^\/tiles\//.test(path)) return 'map';
  return 'network';
}

/** Whether an answer means the user's cached data must go: the session ended or was refused. */
export function endsUserData(kind: RequestKind, status: number): boolean {
  if (kind === 'session-change') return status >= 200 && status < 300;
  return (kind === 'user-api' || kind === 'map' || kind === 'map-versioned') && status === 401;
}

/** Whether a map answer may be cached (an empty tile is a 204). */
export function cacheableMapStatus(status: number): boolean {
  return status === 200 || status === 204;
}
