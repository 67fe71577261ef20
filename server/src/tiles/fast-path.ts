import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Cors } from '../cors';
import type { TileResult, TileService } from './tile-service';
import type { CachedTile } from './tile-cache';
import { isValidTile } from './tile-math';
import { parseLayerList } from './layer-list';
import { ifRangeHolds, parseRange } from './range';
import { isTileUrl, matchTileUrl, type TileRequest } from './tile-url';
import { DatabaseUnavailableError } from '../db/postgres';
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors';
import { ShapeWorkerError } from './shape-worker-client';

/** Media type of Mapbox Vector Tiles. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Methods a tile URL answers. */
const ALLOW = 'GET, HEAD, OPTIONS';

function sendError(res: ServerResponse, status: number, code: string, message: string, extra: readonly string[] = []): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body)), 'X-Content-Type-Options', 'nosniff', ...extra]);
  res.end(body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === etag || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

const headerCache = new WeakMap<CachedTile, (string[] | undefined)[]>();

type Encoding = 'gzip' | 'identity' | undefined;

/** Index of a header variant: immutable or not, × no body / gzip / identity, × Vary with or without Origin. */
const variantOf = (immutable: boolean, encoding: Encoding, varyOrigin: boolean) =>
  (immutable ? 1 : 0) + (encoding === undefined ? 0 : encoding === 'gzip' ? 2 : 4) + (varyOrigin ? 6 : 0);

/**
 * The response headers of a cached tile as a flat [name, value, …] list, built
 * once per tile and variant: the hot path then only writes them.
 */
function headerList(tile: CachedTile, immutable: boolean, encoding: Encoding, varyOrigin: boolean): string[] {
  const variant = variantOf(immutable, encoding, varyOrigin);
  let variants = headerCache.get(tile);
  if (!variants) {
    variants = [];
    headerCache.set(tile, variants);
  }
  let list = variants[variant];
  if (!list) {
    list = [
      'ETag', tile.etag,
      'Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Vary', varyOrigin ? 'Accept-Encoding, Origin' : 'Accept-Encoding',
      'X-Content-Type-Options', 'nosniff',
      'Accept-Ranges', 'bytes',
    ];
    if (encoding) {
      const body = encoding === 'gzip' ? tile.gzip! : tile.raw;
      list.push('Content-Type', MVT_TYPE, 'Content-Length', String(body.length));
      if (encoding === 'gzip') list.push('Content-Encoding', 'gzip');
    }
    variants[variant] = list;
  }
  return list;
}

/** What the tile fast path needs besides the tile service. */
export interface TileFastPathDeps {
  /** Whether the request may read tiles (signed in, or public read on). */
  canRead: (req: IncomingMessage) => boolean;
  log: Logger;
  /** CORS of the read-only surface (tiles are part of it). */
  cors: Cors;
  /** The layers of the dataset tiles (`/ogc/tiles/…`): every collection. */
  datasetLayers: () => string[];
}

/** Longest part of a URL copied into a log line. */
const LOGGED_URL_LENGTH = 300;

/** Answers a tile request; a promise when the answer waits for its tile (shape layers being encoded) or its gzip. */
function serveTile(tiles: TileService, resolveTile: ResolveTile, deps: TileFastPathDeps, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> | void {
  const headers = req.headers;
  const cors = deps.cors.readHeaders(headers.origin);
  if (req.method === 'OPTIONS') {
    if (!deps.cors.preflight(req, res, ALLOW)) {
      res.writeHead(204, { Allow: ALLOW });
      res.end();
    }
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on tiles`, ['Allow', ALLOW]);
    return;
  }
  const parsed = parsedUrl(url, deps.datasetLayers);
  if (!parsed.ok) {
    sendError(res, parsed.status, parsed.status === 404 ? 'not_found' : 'bad_request', parsed.message, cors);
    return;
  }
  if (!deps.canRead(req)) {
    sendError(res, 401, 'unauthenticated', 'sign in first', cors);
    return;
  }
  const resolved = resolveTile(parsed);
  if (typeof resolved === 'string') {
    sendError(res, 404, 'not_found', `layer "${resolved}" does not exist`, cors);
    return;
  }
  if (resolved instanceof Promise) return resolved.then((r) => answerTile(tiles, r, parsed.version, deps, req, res, cors));
  return answerTile(tiles, resolved, parsed.version, deps, req, res, cors);
}

/** Answers a tile request with its tile; a promise when the answer waits for its gzip. */
function answerTile(tiles: TileService, resolved: TileResult, version: string | null, deps: TileFastPathDeps, req: IncomingMessage, res: ServerResponse, cors: readonly string[]): Promise<void> | void {
  const headers = req.headers;
  const { tile, versionTag } = resolved;
  const answer: Answer = { req, res, tile, immutable: version === versionTag, varyOrigin: deps.cors.varyOrigin, cors };
  if (matchesEtag(headers['if-none-match'], tile.etag)) return bodiless(answer, 304);
  if (tile.raw.length === 0) return bodiless(answer, 204);
  const range = headers.range !== undefined && ifRangeHolds(headers['if-range'] as string | undefined, tile.etag)
    ? parseRange(headers.range, tile.raw.length)
    : undefined;
  if (range === 'unsatisfiable') {
    sendError(res, 416, 'range_not_satisfiable', `the tile has ${tile.raw.length} bytes`, ['Content-Range', `bytes */${tile.raw.length}`, 'Accept-Ranges', 'bytes', ...cors]);
    return;
  }
  // a range is of the identity bytes: a ranged answer is never gzipped, whatever Accept-Encoding says
  if (range) return partial(answer, range.start, range.end);
  if (!(headers['accept-encoding'] ?? '').includes('gzip')) return full(answer, 'identity');
  const gzipped = tiles.gzip(tile);
  if (Buffer.isBuffer(gzipped)) return full(answer, 'gzip');
  return gzipped.then(() => full(answer, 'gzip'));
}

/** The tile a parsed URL names now, or the id of its first unknown layer. */
type ResolveTile = (parsed: ParsedTile & { ok: true }) => TileResult | Promise<TileResult> | string;

/**
 * Resolves tile URLs to tiles, remembering them for the rest of the event-loop turn: the layers'
 * versions are read once per turn (`tiles.versions`), so within a turn, and while this process writes
 * no layer (`tiles.writeCount`), a URL's tile stays the one first found for it; the cache lookup (and
 * its LRU touch) happens once per URL and turn. Emptied at the end of the turn, so that it holds no
 * tile longer than that.
 */
function createTurnTiles(tiles: TileService): ResolveTile {
  const turnTiles = new Map<ParsedTile, TileResult | Promise<TileResult>>();
  let writes = -1;
  const clear = () => turnTiles.clear();
  return (parsed) => {
    const now = tiles.writeCount();
    if (now !== writes) {
      turnTiles.clear();
      writes = now;
    }
    const known = turnTiles.get(parsed);
    if (known) return known;
    const versions = tiles.versions(parsed.ids);
    if (!versions.ok) return versions.unknown;
    const result = tiles.tile(parsed.ids, versions.versions, parsed.address);
    if (turnTiles.size === 0) setImmediate(clear);
    turnTiles.set(parsed, result);
    return result;
  };
}

/** Most URLs whose parse is remembered (a tile URL is parsed once, then looked up). */
const MAX_PARSED_URLS = 10_000;
const parsedUrls = new Map<string, ParsedTile>();

/**
 * A tile URL's parse, remembered for `/tiles/…` and collection URLs (dataset URLs name
 * every collection, which changes as layers come and go).
 */
function parsedUrl(url: string, datasetLayers: () => string[]): ParsedTile {
  const known = parsedUrls.get(url);
  if (known) return known;
  const parsed = parseTileRequest(matchTileUrl(url, datasetLayers));
  if (parsed.ok && parsed.kind !== 'dataset') {
    if (parsedUrls.size >= MAX_PARSED_URLS) parsedUrls.clear();
    parsedUrls.set(url, parsed);
  }
  return parsed;
}

type ParsedTile = ({ ok: true } & TileRequest) | { ok: false; status: 400 | 404; message: string };

function parseTileRequest(m: ReturnType<typeof matchTileUrl>): ParsedTile {
  if (!m.ok) return m;
  const list = parseLayerList(m.layers);
  if (!list.ok && list.reason === 'syntax') {
    if (m.kind === 'tiles') return { ok: false, status: 400, message: 'a tile URL is /tiles/{layer[,layer…]}/{z}/{x}/{y}.mvt with integer z, x, y' };
    return { ok: false, status: 404, message: `collection "${m.layers}" does not exist` };
  }
  if (!list.ok) return { ok: false, status: 400, message: list.message };
  if (m.kind === 'collection' && list.ids.length !== 1) return { ok: false, status: 404, message: `collection "${m.layers}" does not exist` };
  if (!isValidTile(m.address)) {
    const { z, x, y } = m.address;
    return { ok: false, status: m.kind === 'tiles' ? 400 : 404, message: `tile ${z}/${x}/${y} is out of range (z 0–22, x and y below 2^z)` };
  }
  return { ok: true, kind: m.kind, ids: list.ids, address: m.address, version: m.version };
}

/** One tile answer being written. */
interface Answer {
  req: IncomingMessage;
  res: ServerResponse;
  tile: CachedTile;
  immutable: boolean;
  varyOrigin: boolean;
  cors: readonly string[];
}

function answerHeaders(a: Answer, encoding: Encoding): string[] {
  const list = headerList(a.tile, a.immutable, encoding, a.varyOrigin);
  return a.cors.length ? [...list, ...a.cors] : list;
}

function bodiless(a: Answer, status: 204 | 304): void {
  a.res.writeHead(status, answerHeaders(a, undefined));
  a.res.end();
}

function full(a: Answer, encoding: 'gzip' | 'identity'): void {
  a.res.writeHead(200, answerHeaders(a, encoding));
  a.res.end(a.req.method === 'HEAD' ? undefined : encoding === 'gzip' ? a.tile.gzip : a.tile.raw);
}

function partial(a: Answer, start: number, end: number): void {
  const { raw } = a.tile;
  a.res.writeHead(206, [...answerHeaders(a, undefined), 'Content-Type', MVT_TYPE, 'Content-Length', String(end - start + 1), 'Content-Range', `bytes ${start}-${end}/${raw.length}`]);
  a.res.end(a.req.method === 'HEAD' ? undefined : raw.subarray(start, end + 1));
}

/**
 * Logs a failed tile request once and answers it with a JSON 500 (or drops it when its headers went); an
 * unreachable database is a 503 with Retry-After, like every other route, and so is a shape worker that died
 * while the tile waited on it (the next tile starts a fresh one).
 */
function fail(deps: TileFastPathDeps, req: IncomingMessage, res: ServerResponse, url: string, err: unknown): void {
  const unavailable = err instanceof DatabaseUnavailableError;
  if (!unavailable) deps.log.error({ err, method: req.method, url: url.slice(0, LOGGED_URL_LENGTH) }, 'tile request failed');
  if (res.headersSent) res.destroy();
  else if (unavailable) sendError(res, 503, 'database_unavailable', 'the database is unavailable; try again shortly', ['Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)]);
  else if (err instanceof ShapeWorkerError) sendError(res, 503, 'tiles_unavailable', 'the tile worker restarted; try again', ['Retry-After', '1']);
  else sendError(res, 500, 'internal_error', 'internal server error');
}

/**
 * Serves `/tiles/{layers}/{z}/{x}/{y}.mvt` and the OGC API – Tiles URLs
 * (`/ogc/collections/{id}/tiles/WebMercatorQuad/{z}/{y}/{x}`, `/ogc/tiles/WebMercatorQuad/{z}/{y}/{x}`)
 * straight on node:http, before Express, so that a cached tile costs a regex, a version lookup and a write.
 * Returns false when the request is not a tile request. An error while serving
 * one is logged once and answered with a JSON 500 for that request alone.
 */
export function createTileFastPath(tiles: TileService, deps: TileFastPathDeps) {
  const resolveTile = createTurnTiles(tiles);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    if (!parsedUrls.has(url) && !isTileUrl(url)) return false;
    try {
      serveTile(tiles, resolveTile, deps, req, res, url)?.catch((err: unknown) => fail(deps, req, res, url, err));
    } catch (err) {
      fail(deps, req, res, url, err);
    }
    return true;
  };
}
