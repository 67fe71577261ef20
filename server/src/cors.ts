import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { CorsOrigins } from './cors-origins';

export { parseCorsOrigins, type CorsOrigins } from './cors-origins';

/** Request headers a cross-origin reader may send (beyond the CORS-safelisted ones). */
export const CORS_REQUEST_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since, If-Range, Range';

/** Response headers a cross-origin reader may see (beyond the CORS-safelisted ones). */
export const CORS_EXPOSED_HEADERS = 'ETag, Link, Content-Crs, Content-Range, Accept-Ranges, Allow, Location';

/** How long a browser may remember a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * The read-only public surface open to other origins: tiles and TileJSON, styles, OGC API reads
 * and Open311 reads (GET and HEAD only; writes never get CORS headers).
 */
const CORS_PATHS = /^\/(?:tiles\/|styles\/|ogc(?:\/|$)|open311\/(?:discovery\.|v2\/))/;

/** Whether a path belongs to the surface other origins may read. */
export function isCorsPath(path: string): boolean {
  return CORS_PATHS.test(path);
}

/** CORS for the read-only public surface, shared by the tile fast path and Express. */
export interface Cors {
  /** Whether any origin is allowed at all (`CORS_ORIGINS` not empty). */
  readonly enabled: boolean;
  /** Whether answers depend on the request's Origin (an allowlist, not `*`): they then say `Vary: Origin`. */
  readonly varyOrigin: boolean;
  /** The CORS headers of a read answer for a request from `origin`, as a flat [name, value, …] list (empty when none apply). */
  readHeaders(origin: string | undefined): readonly string[];
  /** Sets the CORS headers (and `Vary: Origin` when needed) on a GET/HEAD answer of Express. */
  applyRead(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Answers a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) of a read: 204
   * with `Allow`, and the allowed methods and headers when the origin is allowed and the method is
   * GET or HEAD; else 204 without CORS headers (the browser then refuses the request). Returns
   * false, answering nothing, when `req` is no preflight.
   */
  preflight(req: IncomingMessage, res: ServerResponse, allow: string): boolean;
}

/** Builds the CORS policy of `CORS_ORIGINS` (see `parseCorsOrigins`). Never allows credentials. */
export function createCors(origins: CorsOrigins): Cors {
  const any = origins === '*';
  const allowed = new Set(any ? [] : origins);
  const enabled = any || allowed.size > 0;
  const varyOrigin = enabled && !any;
  const anyHeaders = ['Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS];
  const byOrigin = new Map([...allowed].map((o) => [o, ['Access-Control-Allow-Origin', o, 'Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS]]));
  const none: readonly string[] = [];
  const readHeaders = (origin: string | undefined): readonly string[] => {
    if (!enabled || origin === undefined) return none;
    return any ? anyHeaders : byOrigin.get(origin) ?? none;
  };

  return {
    enabled,
    varyOrigin,
    readHeaders,
    applyRead(req, res) {
      if (varyOrigin) appendVary(res, 'Origin');
      const list = readHeaders(req.headers.origin);
      for (let i = 0; i < list.length; i += 2) res.setHeader(list[i]!, list[i + 1]!);
    },
    preflight(req, res, allow) {
      const method = req.headers['access-control-request-method'];
      if (req.method !== 'OPTIONS' || req.headers.origin === undefined || method === undefined) return false;
      const list = readHeaders(req.headers.origin);
      const headers: Record<string, string> = { Allow: allow };
      if (varyOrigin) headers.Vary = 'Origin';
      if (list.length && (method === 'GET' || method === 'HEAD')) {
        Object.assign(headers, {
          'Access-Control-Allow-Origin': list[1]!,
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS,
          'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
        });
      }
      res.writeHead(204, headers);
      res.end();
      return true;
    },
  };
}

function appendVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('Vary');
  res.setHeader('Vary', current ? `${String(current)}, ${field}` : field);
}

/**
 * Express middleware, mounted before the session and policy checks: CORS headers on reads of the
 * public surface, and the preflights of those reads answered at once (`allowOf` gives a path's
 * `Allow`; undefined for an unknown path, whose preflight then goes on to a 404). Every other
 * request passes untouched: writes never get CORS headers.
 */
export function corsMiddleware(cors: Cors, allowOf: (path: string) => string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!cors.enabled || !isCorsPath(req.path)) return next();
    if (req.method === 'GET' || req.method === 'HEAD') {
      cors.applyRead(req, res);
      return next();
    }
    if (req.method !== 'OPTIONS') return next();
    const allow = allowOf(req.path);
    if (allow !== undefined && cors.preflight(req, res, allow)) return;
    next();
  };
}
