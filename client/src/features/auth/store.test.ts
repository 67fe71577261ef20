import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../api/http';
import { useSessionStore } from './store';
import { apiError, fakeAuthApi, json, recordingFetch, sessionUser } from './testing';

const planner = sessionUser('planner', { id: 2, displayName: '城建科 王规划' });
const sanitation = sessionUser('handler', { id: 6, username: 'sanitation', department: 'sanitation' });

describe('useSessionStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
  });

  it('starts unknown and loads the signed-in user from /api/auth/me', async () => {
    const store = useSessionStore();
    const fetch = fakeAuthApi([planner], planner);
    expect(store.status).toBe('unknown');

    const loading = store.load({ fetch });
    expect(store.status).toBe('loading');
    await loading;

    expect(fetch.requests).toEqual([{ method: 'GET', url: '/api/auth/me', body: undefined }]);
    expect(store.status).toBe('ready');
    expect(store.user).toEqual(planner);
    expect(store.signedIn).toBe(true);
  });

  it('knows nobody is signed in when the server says null', async () => {
    const store = useSessionStore();
    await store.load({ fetch: fakeAuthApi([planner]) });

    expect(store.status).toBe('ready');
    expect(store.user).toBeNull();
    expect(store.signedIn).toBe(false);
  });

  it('records a failed load and treats the visitor as signed out', async () => {
    const store = useSessionStore();
    await store.load({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });

    expect(store.status).toBe('error');
    expect(store.error).toBe('Failed to fetch');
    expect(store.user).toBeNull();
  });

  it('loads once for every caller of ensureLoaded', async () => {
    const store = useSessionStore();
    const fetch = fakeAuthApi([planner], planner);

    await Promise.all([store.ensureLoaded({ fetch }), store.ensureLoaded({ fetch })]);
    await store.ensureLoaded({ fetch });

    expect(fetch.requests).toHaveLength(1);
    expect(store.user).toEqual(planner);
  });

  it('signs in with the credentials and keeps the user and expiry', async () => {
    const store = useSessionStore();
    const fetch = fakeAuthApi([planner, sanitation]);

    const user = await store.login({ username: 'sanitation', password: 'secret' }, { fetch });

    expect(fetch.requests).toEqual([{ method: 'POST', url: '/api/auth/login', body: { username: 'sanitation', password: 'secret' } }]);
    expect(user).toEqual(sanitation);
    expect(store.user).toEqual(sanitation);
    expect(store.expiresAt).toBe('2011-12-31T12:00:00.000Z');
    expect(store.status).toBe('ready');
  });

  it('throws the server refusal and stays signed out', async () => {
    const store = useSessionStore();
    const fetch = recordingFetch(() => apiError(429, 'account_locked', 'locked', { retryAfter: 840 }));

    const refused = await store.login({ username: 'planner', password: 'wrong' }, { fetch }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 429, code: 'account_locked', details: { retryAfter: 840 } });
    expect(store.user).toBeNull();
  });

  it('signs out on the server and forgets the user', async () => {
    const store = useSessionStore();
    const fetch = fakeAuthApi([planner], planner);
    await store.load({ fetch });

    await store.logout({ fetch });

    expect(fetch.requests.at(-1)).toEqual({ method: 'POST', url: '/api/auth/logout', body: undefined });
    expect(store.user).toBeNull();
    expect(store.expiresAt).toBeNull();
  });

  it('stays signed in when the logout request fails', async () => {
    const store = useSessionStore();
    await store.load({ fetch: fakeAuthApi([planner], planner) });

    await expect(store.logout({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) })).rejects.toThrow('Failed to fetch');
    expect(store.user).toEqual(planner);
  });

  it('lets a login win over a slower start-up load', async () => {
    const store = useSessionStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const slowMe = recordingFetch(async () => { await gate; return json({ user: null }); });

    const loading = store.load({ fetch: slowMe });
    await store.login({ username: 'planner', password: 'secret' }, { fetch: fakeAuthApi([planner]) });
    release();
    await loading;

    expect(store.user).toEqual(planner);
  });

  it('keeps only serialisable state', async () => {
    const store = useSessionStore();
    await store.login({ username: 'planner', password: 'secret' }, { fetch: fakeAuthApi([planner]) });

    expect(JSON.parse(JSON.stringify(store.$state))).toEqual(store.$state);
    store.forget();
    expect(store.user).toBeNull();
  });
});
