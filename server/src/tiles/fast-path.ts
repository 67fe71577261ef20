import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TileService } from './tile-service';
import type { CachedTile } from './tile-cache';
import { isValidTile } from './tile-math';

const TILE_URL = /^\/tiles\/([^/?]+)\/([^/?]+)\/([^/?]+)\/([^/?]+)\.mvt(?:\?(.*))?$/;
const LAYER_LIST = /^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/;
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
      const body = encoding === 'gzip' ? tile.gzip : tile.raw;
      list.push('Content-Type', MVT_TYPE, 'Content-Length', String(body.length));
      if (encoding === 'gzip') list.push('Content-Encoding', 'gzip');
    }
    variants.set(key, list);
  }
  return list;
}

/**
 * Serves `/tiles/{layers}/{z}/{x}/{y}.mvt` straight on node:http, before Express,
 * so that a cached tile costs a regex, a version lookup and a write.
 * Returns false when the request is not a tile request.
 */
export function createTileFastPath(tiles: TileService, access: { canRead: (req: IncomingMessage) => boolean }) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '';
    if (!url.startsWith('/tiles/') || !/\.mvt(\?|$)/.test(url)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on tiles`);
      return true;
    }
    const m = TILE_URL.exec(url);
    if (!m || !LAYER_LIST.test(m[1]!) || !INTEGER.test(m[2]!) || !INTEGER.test(m[3]!) || !INTEGER.test(m[4]!)) {
      sendError(res, 400, 'bad_request', 'a tile URL is /tiles/{layer[,layer…]}/{z}/{x}/{y}.mvt with integer z, x, y');
      return true;
    }
    const address = { z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
    if (!isValidTile(address)) {
      sendError(res, 400, 'bad_request', `tile ${address.z}/${address.x}/${address.y} is out of range (z 0–22, x and y below 2^z)`);
      return true;
    }
    if (!access.canRead(req)) {
      sendError(res, 401, 'unauthenticated', 'sign in first');
      return true;
    }
    const ids = m[1]!.split(',');
    const resolved = tiles.versions(ids);
    if (!resolved.ok) {
      sendError(res, 404, 'not_found', `layer "${resolved.unknown}" does not exist`);
      return true;
    }
    const { tile, versionTag } = tiles.tile(ids, resolved.versions, address);
    const immutable = versionParam(m[5]) === versionTag;
    if (matchesEtag(req.headers['if-none-match'], tile.etag)) {
      res.writeHead(304, headerList(tile, immutable, undefined));
      res.end();
      return true;
    }
    if (tile.raw.length === 0) {
      res.writeHead(204, headerList(tile, immutable, undefined));
      res.end();
      return true;
    }
    const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
    const body = gzip ? tile.gzip : tile.raw;
    res.writeHead(200, headerList(tile, immutable, gzip ? 'gzip' : 'identity'));
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
