import { afterEach, describe, expect, it } from 'vitest';
import { apiError, json, recordingFetch } from '../features/auth';
import { HttpError, getJson, requestJson, setAuthFailureHandler, type AuthFailure } from './http';

describe('requestJson', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  function listen(): AuthFailure[] {
    const failures: AuthFailure[] = [];
    remove = setAuthFailureHandler((f) => failures.push(f));
    return failures;
  }

  it('sends a JSON body and reads a JSON answer, or nothing for a 204', async () => {
    const fetch = recordingFetch(({ url }) => (url === '/a' ? json({ ok: 1 }) : new Response(null, { status: 204 })));

    await expect(requestJson('/a', { fetch, method: 'POST', body: { x: '<b>' } })).resolves.toEqual({ ok: 1 });
    await expect(requestJson('/b', { fetch, method: 'DELETE' })).resolves.toBeUndefined();
    expect(fetch.requests).toEqual([{ method: 'POST', url: '/a', body: { x: '<b>' } }, { method: 'DELETE', url: '/b', body: undefined }]);
  });

  it('turns the error envelope into an HttpError with its details', async () => {
    const fetch = recordingFetch(() => apiError(400, 'bad_request', 'invalid body', [{ field: 'name' }]));

    const error = await getJson('/x', { fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'invalid body', details: [{ field: 'name' }] });
  });

  it('reports a 401 "sign in" and a 403 "wrong role" to the app, besides throwing', async () => {
    const failures = listen();
    const fetch = recordingFetch(({ url }) => (url === '/write' ? apiError(401, 'unauthenticated', 'sign in first') : apiError(403, 'forbidden', 'role "leader" may not do this')));

    await expect(requestJson('/write', { fetch, method: 'POST', body: {} })).rejects.toMatchObject({ status: 401 });
    await expect(getJson('/private', { fetch })).rejects.toMatchObject({ status: 403 });

    expect(failures).toEqual([
      { status: 401, code: 'unauthenticated', message: 'sign in first', method: 'POST', url: '/write' },
      { status: 403, code: 'forbidden', message: 'role "leader" may not do this', method: 'GET', url: '/private' },
    ]);
  });

  it('leaves other refusals, and requests that opt out, to the caller', async () => {
    const failures = listen();
    const fetch = recordingFetch(({ url }) => (url === '/login' ? apiError(401, 'invalid_credentials') : apiError(401, 'unauthenticated')));

    await expect(requestJson('/login', { fetch, method: 'POST', body: {} })).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(getJson('/me', { fetch, reportAuthFailures: false })).rejects.toMatchObject({ code: 'unauthenticated' });

    expect(failures).toEqual([]);
  });
});
