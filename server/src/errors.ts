import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '@shared/errors';
import { DatabaseUnavailableError, PgError } from './db/postgres';

export type { ErrorBody };

/** An error with an HTTP status, a stable code and a message safe to show the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: the request is malformed; `details` may name the fields. */
export class BadRequestError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}

/** 404: the addressed thing does not exist. */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

/** 503: the server is busy with other work of this kind; the client may retry after `retryAfterSeconds`. */
export class BusyError extends HttpError {
  constructor(message: string, readonly retryAfterSeconds: number, code = 'busy') {
    super(503, code, message, { retryAfter: retryAfterSeconds });
  }
}

/** Seconds a client is asked to wait when the database is unreachable (the server reconnects by itself). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// 53100: PostgreSQL's disk_full
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

/** Whether an error says the disk (or the user's quota, or the database file) is full. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_FULL_CODES.has(code);
}

/** How often a full disk is logged at most, in milliseconds (not once per refused request). */
const STORAGE_FULL_LOG_MS = 60_000;

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

function fromBodyParser(err: BodyParserError): HttpError | undefined {
  if (err.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', `request body exceeds ${err.limit} bytes`);
  if (err.type === 'entity.parse.failed') return new BadRequestError('request body is not valid JSON');
  if (err.type && err.status && err.status >= 400 && err.status < 500) return new HttpError(err.status, 'bad_request', err.type);
  return undefined;
}

/** A path parameter whose percent-encoding is malformed (`%E0%A4%A`): Express's decodeURIComponent throws a URIError. */
function fromMalformedUrl(err: unknown): HttpError | undefined {
  return err instanceof URIError ? new BadRequestError('the URL holds a malformed percent-encoding') : undefined;
}

/** 404 for any route no router claimed. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no route for ${req.method} ${req.path}`));
};

/**
 * Makes the function that turns any thrown value into the HttpError a client gets, or undefined
 * for an unforeseen error (a 500). An unreachable database is 503 `database_unavailable` with Retry-After. A full disk (ENOSPC, EDQUOT, SQLITE_FULL, PostgreSQL's 53100) is 507
 * `insufficient_storage`, logged once a minute at most; a malformed percent-encoding and body
 * parser failures are 4xx.
 */
export function createErrorMapper(log: Logger, now: () => number = Date.now): (err: unknown) => HttpError | undefined {
  let storageFullLoggedAt = -Infinity;
  const storageFull = (err: unknown): HttpError => {
    if (now() - storageFullLoggedAt >= STORAGE_FULL_LOG_MS) {
      storageFullLoggedAt = now();
      log.error({ code: (err as { code: string }).code }, 'storage full: writes are refused with 507 until space is freed (logged once a minute)');
    }
    return new HttpError(507, 'insufficient_storage', 'the server has run out of storage space, so nothing was saved; try again later and tell the administrator');
  };
  let unavailableLoggedAt = -Infinity;
  const unavailable = (err: DatabaseUnavailableError): HttpError => {
    if (now() - unavailableLoggedAt >= STORAGE_FULL_LOG_MS) {
      unavailableLoggedAt = now();
      log.error({ err: err.message }, 'database unavailable: requests answer 503 until it is back (logged once a minute)');
    }
    return new BusyError('the database is unavailable, so nothing was saved; try again shortly', DATABASE_RETRY_AFTER_SECONDS, 'database_unavailable');
  };
  return (err) => (err instanceof HttpError ? err : err instanceof DatabaseUnavailableError ? unavailable(err)
    : isStorageFull(err) ? storageFull(err) : fromUnstorableText(err) ?? fromLockTimeout(err) ?? fromMalformedUrl(err) ?? fromBodyParser(err as BodyParserError));
}

/**
 * PostgreSQL's text holds no NUL character (U+0000): a value with one is refused by the database itself
 * (SQLSTATE 22021 for text, 22P05 for a jsonb `\u0000`), whatever the statement. SQLite stores and compares it,
 * so a request sending one is answered 400 on PostgreSQL instead of failing as a 500 (nothing was written: the
 * statement failed, and its transaction rolled back).
 */
function fromUnstorableText(err: unknown): HttpError | undefined {
  if (!(err instanceof PgError) || (err.code !== '22021' && err.code !== '22P05')) return undefined;
  return new HttpError(400, 'unstorable_text', 'the request holds a NUL character (U+0000), which cannot be stored or searched');
}

/**
 * A PostgreSQL transaction that waited longer than `LOCK_WAIT_MS` for the write lock (other processes writing at
 * once, or a long import) was rolled back: 503 busy, to be retried shortly.
 */
function fromLockTimeout(err: unknown): HttpError | undefined {
  if (!(err instanceof PgError) || err.code !== '55P03') return undefined;
  return new BusyError('the database is busy with other writes, so nothing was saved; try again shortly', 2);
}

/** Maps errors to `{ error: { code, message, details? } }` (see `createErrorMapper`); never leaks stacks or paths. */
export function errorHandler(log: Logger, now: () => number = Date.now): ErrorRequestHandler {
  const toHttp = createErrorMapper(log, now);
  return (err: unknown, req, res, _next) => {
    const known = toHttp(err);
    if (!known) log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    const e = known ?? new HttpError(500, 'internal_error', 'internal server error');
    const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
    if (res.headersSent) return;
    if (e instanceof BusyError) res.set('Retry-After', String(e.retryAfterSeconds));
    res.status(e.status).type('application/json').send(JSON.stringify(body));
  };
}
