import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, type RouteLocationNormalized, type Router } from 'vue-router';
import { createAppRouter } from '../../app/router';
import { accessDecision, installAccessGuard } from './guard';
import { useSessionStore } from './store';
import { fakeAuthApi, sessionUser } from './testing';

const admin = sessionUser('admin');
const planner = sessionUser('planner');

const to = (fullPath: string, access?: RouteLocationNormalized['meta']['access']) => ({ fullPath, meta: access === undefined ? {} : { access } });

describe('accessDecision', () => {
  it('lets anyone see a public route', () => {
    expect(accessDecision(to('/map', 'public'), null)).toBe(true);
    expect(accessDecision(to('/map', 'public'), planner)).toBe(true);
  });

  it('sends a visitor to the login page, remembering the target', () => {
    expect(accessDecision(to('/admin/audit?page=2', ['admin']), null)).toEqual({ path: '/login', query: { redirect: '/admin/audit?page=2' } });
    expect(accessDecision(to('/cases', 'signed-in'), null)).toEqual({ path: '/login', query: { redirect: '/cases' } });
  });

  it('sends a signed-in user with the wrong role to the no-access view', () => {
    expect(accessDecision(to('/admin/audit', ['admin']), planner)).toEqual({ name: 'forbidden', query: { from: '/admin/audit' } });
    expect(accessDecision(to('/admin/audit', ['admin']), admin)).toBe(true);
    expect(accessDecision(to('/cases', 'signed-in'), planner)).toBe(true);
  });

  it('opens a route without declared access to no one', () => {
    expect(accessDecision(to('/secret'), admin)).toEqual({ name: 'forbidden', query: { from: '/secret' } });
    expect(accessDecision(to('/secret'), null)).toEqual({ path: '/login', query: { redirect: '/secret' } });
  });
});

describe('the app router with the access guard', () => {
  let router: Router;

  function start(signedIn: typeof admin | null) {
    const session = useSessionStore();
    const fetch = fakeAuthApi([admin, planner], signedIn);
    installAccessGuard(router, { get user() { return session.user; }, ensureLoaded: () => session.ensureLoaded({ fetch }) });
    return { session, fetch };
  }

  beforeEach(() => {
    setActivePinia(createPinia());
    router = createAppRouter(createMemoryHistory());
  });

  it('declares who may see every route', () => {
    for (const route of router.getRoutes()) expect(route.meta.access, route.path).toBeDefined();
    expect(router.resolve('/map').meta.access).toBe('public');
    expect(router.resolve('/preview/console').meta.access).toBe('public');
    expect(router.resolve('/').meta.access).toBe('public');
    expect(router.resolve('/admin/audit').meta.access).toEqual(['admin']);
  });

  it('waits for the session before deciding, then sends a visitor to log in', async () => {
    const { fetch } = start(null);

    await router.push('/admin/audit?entity=session');

    expect(fetch.requests.map((r) => r.url)).toEqual(['/api/auth/me']);
    expect(router.currentRoute.value.path).toBe('/login');
    expect(router.currentRoute.value.query).toEqual({ redirect: '/admin/audit?entity=session' });
  });

  it('shows a planner the no-access view for the audit log', async () => {
    start(planner);

    await router.push('/admin/audit');

    expect(router.currentRoute.value.name).toBe('forbidden');
    expect(router.currentRoute.value.query).toEqual({ from: '/admin/audit' });
  });

  it('lets an admin open the audit log, and keeps the login page public', async () => {
    start(admin);

    await router.push('/admin/audit');
    expect(router.currentRoute.value.name).toBe('audit');

    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('login');
  });
});
