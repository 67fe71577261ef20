import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/** Media types of request bodies the server reads: JSON (with GeoJSON and merge patches) and multipart uploads. */
const READ_TYPES = ['application/json', 'application/geo+json', 'application/merge-patch+json', 'multipart/form-data'];
/** Open311 GeoReport v2 posts forms. */
const FORM_PATH = /^\/open311(\/|$)/;

/**
 * Refuses with 415 a write whose body is of a type no route reads (`text/plain`, a form outside
 * Open311, XML…): such a body would otherwise be read as empty and the write go ahead.
 * Writes without a body pass.
 */
export function bodyTypeGuard(): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.method === 'DELETE') return next();
    if (!hasBody(req.headers)) return next();
    const allowed = FORM_PATH.test(req.path) ? [...READ_TYPES, 'application/x-www-form-urlencoded'] : READ_TYPES;
    if (req.is(allowed)) return next();
    throw new HttpError(415, 'unsupported_media_type', `a request body must be JSON or multipart/form-data (got ${req.get('content-type') ?? 'no Content-Type'})`);
  };
}

function hasBody(headers: { 'content-length'?: string; 'transfer-encoding'?: string }): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}
