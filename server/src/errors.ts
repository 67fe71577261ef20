import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

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

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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

/** 404 for any route no router claimed. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no route for ${req.method} ${req.path}`));
};

/** Maps errors to `{ error: { code, message, details? } }`; never leaks stacks or paths. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromBodyParser(err as BodyParserError);
    if (!known) log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    const e = known ?? new HttpError(500, 'internal_error', 'internal server error');
    const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
    if (res.headersSent) return;
    res.status(e.status).type('application/json').send(JSON.stringify(body));
  };
}
