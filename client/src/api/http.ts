/** The `fetch` signature the API helpers accept, so tests can inject a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A non-2xx answer or an unreadable body from the server. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Options of `getJson`. */
export interface GetJsonOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  /** The Accept header; plain JSON by default. */
  accept?: string;
}

/**
 * GETs JSON, turning the server's `{ error: { code, message } }` envelope into an `HttpError`.
 * Network failures propagate as the `TypeError` fetch throws.
 */
export async function getJson<T>(url: string, { fetch, signal, accept = 'application/json' }: GetJsonOptions): Promise<T> {
  const response = await fetch(url, { headers: { Accept: accept }, signal });
  if (!response.ok) throw await toHttpError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new HttpError(response.status, `invalid JSON from ${url}`, 'invalid_json');
  }
}

async function toHttpError(response: Response): Promise<HttpError> {
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new HttpError(response.status, body.error?.message ?? fallback, body.error?.code);
  } catch {
    return new HttpError(response.status, fallback);
  }
}

/** The browser's fetch bound to the window, so it can be passed around. */
export const browserFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
