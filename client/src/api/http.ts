import type { ErrorBody } from '@shared/errors';

/** The `fetch` signature the API helpers accept, so tests can inject a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A non-2xx answer or an unreadable body from the server. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** The envelope's `details` (e.g. `[{ field }]` for a 400, `{ retryAfter }` for a 429). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A refusal the app reacts to globally: 401 means "sign in", 403 means "not with this role". */
export interface AuthFailure {
  status: 401 | 403;
  code: string;
  message: string;
  method: string;
  url: string;
}

/** Called on every `AuthFailure` of a request made through these helpers. */
export type AuthFailureHandler = (failure: AuthFailure) => void;

let authFailureHandler: AuthFailureHandler | undefined;

/** Installs the app-wide handler of 401/403 answers (one at a time); returns the function that removes it. */
export function setAuthFailureHandler(handler: AuthFailureHandler): () => void {
  authFailureHandler = handler;
  return () => {
    if (authFailureHandler === handler) authFailureHandler = undefined;
  };
}

/** Hands a refusal seen outside these helpers (e.g. a live stream the server ended with its session) to the app-wide handler. */
export function notifyAuthFailure(failure: AuthFailure): void {
  authFailureHandler?.(failure);
}

/** Options of `requestJson`. */
export interface RequestOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, or as it is when a `FormData` (multipart; the browser sets its boundary). */
  body?: unknown;
  /** Further request headers (e.g. `If-Match`). */
  headers?: Record<string, string>;
  /** The browser cache mode; `no-store` for answers that differ per user or change all the time. */
  cache?: RequestCache;
  /** The Accept header; plain JSON by default. */
  accept?: string;
  /** Whether a 401/403 reaches the app-wide handler (on by default). */
  reportAuthFailures?: boolean;
}

/** Options of `getJson`. */
export type GetJsonOptions = Omit<RequestOptions, 'method' | 'body'>;

const AUTH_FAILURE_CODES: Record<number, readonly string[]> = { 401: ['unauthenticated'], 403: ['forbidden', 'csrf'] };

/**
 * Sends a request and reads its JSON answer (`undefined` for a 204), turning the server's
 * `{ error: { code, message, details } }` envelope into an `HttpError`. A 401 `unauthenticated`
 * or a 403 `forbidden`/`csrf` is also reported to the app-wide handler. Network failures
 * propagate as the `TypeError` fetch throws.
 */
export async function requestJson<T>(url: string, options: RequestOptions): Promise<T> {
  const { fetch, signal, method = 'GET', body, accept = 'application/json', reportAuthFailures = true } = options;
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  const headers: Record<string, string> = { ...options.headers, Accept: accept };
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, signal, credentials: 'same-origin', ...(options.cache ? { cache: options.cache } : {}),
    ...(body === undefined ? {} : { body: multipart ? body : JSON.stringify(body) }),
  });
  if (!response.ok) {
    const error = await toHttpError(response);
    if (reportAuthFailures) reportAuthFailure(error, method, url);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new HttpError(response.status, `invalid JSON from ${url}`, 'invalid_json');
  }
}

/** GETs JSON; see `requestJson`. */
export function getJson<T>(url: string, options: GetJsonOptions): Promise<T> {
  return requestJson<T>(url, { ...options, method: 'GET' });
}

function reportAuthFailure(error: HttpError, method: string, url: string): void {
  const status = error.status;
  if ((status !== 401 && status !== 403) || !error.code || !AUTH_FAILURE_CODES[status]?.includes(error.code)) return;
  authFailureHandler?.({ status, code: error.code, message: error.message, method, url });
}

async function toHttpError(response: Response): Promise<HttpError> {
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    return new HttpError(response.status, body.error?.message ?? fallback, body.error?.code, body.error?.details);
  } catch {
    return new HttpError(response.status, fallback);
  }
}

/** The browser's fetch bound to the window, so it can be passed around. */
export const browserFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** Whether a failed request never reached the server (offline, DNS, refused): fetch's `TypeError`, not an abort. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}
