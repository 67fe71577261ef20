import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, type Router } from 'vue-router';
import { getJson } from '../../api/http';
import { useNoticesStore } from '../../app/notices';
import { createAppRouter } from '../../app/router';
import { handleAuthFailures } from './authFailures';
import { useSessionStore } from './store';
import { apiError, fakeAuthApi, recordingFetch, sessionUser } from './testing';

describe('handleAuthFailures', () => {
  let router: Router;
  let stop: () => void;

  beforeEach(async () => {
    setActivePinia(createPinia());
    router = createAppRouter(createMemoryHistory());
    await router.push('/forbidden?from=/map');
  });
  afterEach(() => stop());

  it('forgets an expired session and opens the login page, which leads back here', async () => {
    const session = useSessionStore();
    await session.load({ fetch: fakeAuthApi([], sessionUser('planner')) });
    stop = handleAuthFailures({ router, session, notices: useNoticesStore() });

    await getJson('/api/private', { fetch: recordingFetch(() => apiError(401, 'unauthenticated')) }).catch(() => undefined);

    expect(session.user).toBeNull();
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'), { timeout: 10_000 });
    expect(router.currentRoute.value.query).toEqual({ redirect: '/forbidden?from=/map' });
  });

  it('says plainly that the role may not do this', async () => {
    const session = useSessionStore();
    await session.load({ fetch: fakeAuthApi([], sessionUser('leader')) });
    const notices = useNoticesStore();
    stop = handleAuthFailures({ router, session, notices });

    const forbidden = recordingFetch(() => apiError(403, 'forbidden'));
    await getJson('/ogc/x', { fetch: forbidden }).catch(() => undefined);
    await getJson('/ogc/x', { fetch: forbidden }).catch(() => undefined);

    expect(notices.notices).toEqual([{ id: 1, key: 'notices.forbidden', role: 'leader' }]);
    expect(session.user?.role).toBe('leader');
    expect(router.currentRoute.value.name).toBe('forbidden');
  });
});
