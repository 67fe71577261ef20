import zlib from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** A content coding the server can answer with. */
export type Coding = 'br' | 'gzip' | 'identity';

/** Answers below this many bytes go out as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/** Answers above this many bytes (by their Content-Length) go out uncompressed, to bound the CPU per request. */
export const COMPRESS_MAX_BYTES = 8 * 1024 * 1024;

/** The q-value of each coding an `Accept-Encoding` header names (lower-cased; `*` included when given). */
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(name.trim().toLowerCase(), Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0);
  }
  return weights;
}

/**
 * The coding to answer with among `available` (identity is always available), by the request's
 * `Accept-Encoding` (RFC 9110 §12.5.3): the compressed coding with the highest q-value above 0 (brotli before gzip on
 * a tie; `*` stands for every coding not named), else identity unless the client refuses it (`identity;q=0`, or
 * `*;q=0` without naming identity). No header: identity. `undefined` when nothing acceptable is available.
 */
export function negotiateCoding(header: string | undefined, available: readonly Coding[]): Coding | undefined {
  if (header === undefined) return 'identity';
  const weights = parseAcceptEncoding(header);
  const star = weights.get('*');
  const weightOf = (coding: Coding): number =>
    weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? star ?? (coding === 'identity' ? 1 : 0);
  let best: Coding | undefined;
  let bestWeight = 0;
  for (const coding of (['br', 'gzip'] as const).filter((c) => available.includes(c))) {
    const w = weightOf(coding);
    if (w > bestWeight) {
      best = coding;
      bestWeight = w;
    }
  }
  return best ?? (weightOf('identity') > 0 ? 'identity' : undefined);
}

/**
 * `res.locals` flag of a built client file sent as it is: its variants were chosen already (a client that accepts
 * neither gets identity, not a coding compressed per request).
 */
export const SENT_AS_BUILT = 'sentAsBuilt';

/** Whether an answer may be compressed on the fly: not a live event stream, not over `COMPRESS_MAX_BYTES`. */
function mayCompress(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  if (type.startsWith('text/event-stream') || res.locals[SENT_AS_BUILT] === true) return false;
  if (Number(res.getHeader('Content-Length') ?? 0) > COMPRESS_MAX_BYTES) return false;
  return compression.filter(req, res);
}

/**
 * Compresses the app's own answers (JSON, GeoJSON, HTML, CSV…) over `COMPRESS_THRESHOLD_BYTES` with brotli or gzip
 * at fast levels, as the client accepts. zlib streams run on libuv's thread pool, so the event loop only copies
 * chunks. Left alone: server-sent events, answers that already carry a Content-Encoding (the tiles, the client's
 * precompressed assets), types that do not compress (images, zip, GeoPackage), HEAD requests and very large answers.
 */
export function responseCompression(): RequestHandler {
  return compression({
    threshold: COMPRESS_THRESHOLD_BYTES,
    level: 4,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    filter: mayCompress,
  }) as RequestHandler;
}
