import type { RequestHandler } from 'express';
import { findPolicy } from '../auth/policy';
import { isCorsPath } from '../cors';
import type { Layer } from '../features/layers';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const WRITES = new Set<string>(['POST', 'PUT', 'PATCH', 'DELETE']);
const COLLECTION = /^\/ogc\/collections\/([^/]+)(?:\/items\/([^/]+))?/;

/**
 * The `Allow` header of a resource of the public surface (OGC API, tiles, styles, Open311 reads):
 * the methods the policy table has a row for, HEAD with GET, and OPTIONS; a read-only collection
 * (such as `cases`) allows no writes. Undefined for a path that is no resource (a 404).
 */
export function createAllowOf(layerOf: (id: string) => Layer | undefined): (path: string) => string | undefined {
  return (rawPath) => {
    const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
    if (!isCorsPath(path)) return undefined;
    let methods: string[] = METHODS.filter((m) => findPolicy(m, path) !== undefined);
    if (!methods.length) return undefined;
    const m = COLLECTION.exec(path);
    if (m) {
      const layer = layerOf(decodeURIComponentSafe(m[1]!));
      if (!layer) return undefined;
      if (m[2] !== undefined && !/^\d{1,15}$/.test(m[2])) return undefined;
      if (layer.options.readOnly) methods = methods.filter((x) => !WRITES.has(x));
    }
    if (methods.includes('GET')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
    return [...methods, 'OPTIONS'].join(', ');
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Answers OPTIONS on a resource of the public surface with 204 and `Allow` (OGC API – Features
 * Part 4 asks it of every resource); an unknown path goes on to the 404. Mounted before the
 * session and policy checks: OPTIONS needs no session and reveals only what the API document says.
 */
export function optionsMiddleware(allowOf: (path: string) => string | undefined): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    const allow = allowOf(req.path);
    if (allow === undefined) return next();
    res.set('Allow', allow).status(204).end();
  };
}
