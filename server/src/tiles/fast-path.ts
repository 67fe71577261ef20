import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TileService } from './tile-service';
import type { CachedTile } from './tile-cache';
import { isValidTile } from './tile-math';
import { parseLayerList } from './layer-list';

const TILE_URL = /^\/tiles\/([^/?]+)\/([^/?]+)\/([^/?]+)\/([^/?]+)\.mvt(?:\?(.*))?$/;
const INTEGER = /^\d{1,8}$/;

/** Media type of Mapbox Vector Tiles. */
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === etag || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

function versionParam(query: string | undefined): string | null {
  if (!query) return null;
  return new URLSearchParams(query).get('v');
}

const headerCache = new WeakMap<CachedTile, Map<string, string[]>>();

/**
 * The response headers of a cached tile as a flat [name, value, …] list, built
 * once per tile and variant: the hot path then only writes them.
 */
function headerList(tile: CachedTile, immutable: boolean, encoding: 'gzip' | 'identity' | undefined): string[] {
  const key = `${immutable ? 'i' : 'n'}${encoding ?? ''}`;
  let variants = headerCache.get(tile);
  if (!variants) {
    variants = new Map();
    headerCache.set(tile, variants);
  }
  let list = variants.get(key);
  if (!list) {
    list = [
      'ETag', tile.etag,
      'Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Vary', 'Accept-Encoding',
      'X-Content-Type-Options', 'nosniff',
    ];
    if (encoding) {
      const body = encoding === 'gzip' ? tile.gzip! : tile.raw;
      list.push('Content-Type', MVT_TYPE, 'Content-Length', String(body.length));
      if (encoding === 'gzip') list.push('Content-Encoding', 'gzip');
    }
    variants.set(key, list);
  }
  return list;
}

/** What the tile fast path needs besides the tile service. */
export interface TileFastPathDeps {
  /** Whether the request may read tiles (signed in, or public read on). */
  canRead: (req: IncomingMessage) => boolean;
  log: Logger;
}

/** Longest part of a URL copied into a log line. */
const LOGGED_URL_LENGTH = 300;

/** Answers a tile request; a promise when the answer waits for its gzip. */
function serveTile(tiles: TileService, deps: TileFastPathDeps, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on tiles`);
    return;
  }
  const m = TILE_URL.exec(url);
  const list = m ? parseLayerList(m[1]!) : undefined;
  if (!m || !list || (!list.ok && list.reason === 'syntax') || !INTEGER.test(m[2]!) || !INTEGER.test(m[3]!) || !INTEGER.test(m[4]!)) {
    sendError(res, 400, 'bad_request', 'a tile URL is /tiles/{layer[,layer…]}/{z}/{x}/{y}.mvt with integer z, x, y');
    return;
  }
  if (!list.ok) {
    sendError(res, 400, 'bad_request', list.message);
    return;
  }
  const address = { z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
  if (!isValidTile(address)) {
    sendError(res, 400, 'bad_request', `tile ${address.z}/${address.x}/${address.y} is out of range (z 0–22, x and y below 2^z)`);
    return;
  }
  if (!deps.canRead(req)) {
    sendError(res, 401, 'unauthenticated', 'sign in first');
    return;
  }
  const { ids } = list;
  const resolved = tiles.versions(ids);
  if (!resolved.ok) {
    sendError(res, 404, 'not_found', `layer "${resolved.unknown}" does not exist`);
    return;
  }
  const { tile, versionTag } = tiles.tile(ids, resolved.versions, address);
  const immutable = versionParam(m[5]) === versionTag;
  if (matchesEtag(req.headers['if-none-match'], tile.etag)) {
    res.writeHead(304, headerList(tile, immutable, undefined));
    res.end();
    return;
  }
  if (tile.raw.length === 0) {
    res.writeHead(204, headerList(tile, immutable, undefined));
    res.end();
    return;
  }
  if (!(req.headers['accept-encoding'] ?? '').includes('gzip')) {
    send(req, res, tile, immutable, 'identity');
    return;
  }
  const gzipped = tiles.gzip(tile);
  if (Buffer.isBuffer(gzipped)) {
    send(req, res, tile, immutable, 'gzip');
    return;
  }
  return gzipped.then(() => send(req, res, tile, immutable, 'gzip'));
}

function send(req: IncomingMessage, res: ServerResponse, tile: CachedTile, immutable: boolean, encoding: 'gzip' | 'identity'): void {
  res.writeHead(200, headerList(tile, immutable, encoding));
  res.end(req.method === 'HEAD' ? undefined : encoding === 'gzip' ? tile.gzip : tile.raw);
}

/**
 * Serves `/tiles/{layers}/{z}/{x}/{y}.mvt` straight on node:http, before Express,
 * so that a cached tile costs a regex, a version lookup and a write.
 * Returns false when the request is not a tile request. An error while serving
 * one is logged once and answered with a JSON 500 for that request alone.
 */
export function createTileFastPath(tiles: TileService, deps: TileFastPathDeps) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    if (!url.startsWith('/tiles/') || !/\.mvt(\?|$)/.test(url)) return false;
    const fail = (err: unknown) => {
      deps.log.error({ err, method: req.method, url: url.slice(0, LOGGED_URL_LENGTH) }, 'tile request failed');
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'internal_error', 'internal server error');
    };
    try {
      serveTile(tiles, deps, req, res, url)?.catch(fail);
    } catch (err) {
      fail(err);
    }
    return true;
  };
}
