import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { Role } from '@shared/roles';
import { createAppRouter } from '../../app/router';
import { installAccessGuard } from './guard';
import { afterSignIn, landingPath, loginLocation, safeRedirect } from './redirect';
import { useSessionStore } from './store';
import { fakeAuthApi, sessionUser } from './testing';

/** Each role's own work, as the issue (#15) and the README's room table put it. */
const LANDINGS: [Role, string][] = [
  ['inspector', '/cases/new'],
  ['handler', '/cases'],
  ['dispatcher', '/cases'],
  ['supervisor', '/cases'],
  ['leader', '/overview'],
  ['planner', '/map'],
  ['admin', '/map'],
];

describe('safeRedirect', () => {
  it('follows same-site paths with their query and hash', () => {
    expect(safeRedirect('/admin/audit?entity=session&page=2#top')).toBe('/admin/audit?entity=session&page=2#top');
    expect(safeRedirect(['/map', '/other'])).toBe('/map');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/map'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a script URL', 'javascript:alert(1)'],
    ['a relative path', 'map'],
    ['a control character', '/map\n//evil.example'],
    ['nothing', undefined],
    ['a non-string', 42],
  ])('falls back to the map for %s', (_what, value) => {
    expect(safeRedirect(value)).toBe('/map');
  });
});

describe('loginLocation', () => {
  it('remembers where to come back to, but never the login page or an unsafe target', () => {
    expect(loginLocation('/admin/audit?page=2')).toEqual({ path: '/login', query: { redirect: '/admin/audit?page=2' } });
    expect(loginLocation('/login?redirect=/map')).toEqual({ path: '/login', query: {} });
    expect(loginLocation('//evil.example')).toEqual({ path: '/login', query: {} });
  });

  it('does not remember the front page everybody starts on, so signing in from there leads to the user’s own work', () => {
    expect(loginLocation('/map')).toEqual({ path: '/login', query: {} });
    expect(loginLocation('/')).toEqual({ path: '/login', query: {} });
    expect(loginLocation('/map?sel=garbage-rooms/12')).toEqual({ path: '/login', query: { redirect: '/map?sel=garbage-rooms/12' } });
    expect(loginLocation('/cases/new')).toEqual({ path: '/login', query: { redirect: '/cases/new' } });
  });
});

describe('where each role lands', () => {
  it.each(LANDINGS)('lands a signed-in %s on %s, a visitor on the map', (role, path) => {
    expect(landingPath(sessionUser(role))).toBe(path);
    expect(landingPath(null)).toBe('/map');
  });

  it('follows an explicit, safe ?redirect= after signing in, and the role’s own work otherwise', () => {
    expect(afterSignIn('/map?sel=garbage-rooms/12', sessionUser('inspector'))).toBe('/map?sel=garbage-rooms/12');
    expect(afterSignIn(undefined, sessionUser('inspector'))).toBe('/cases/new');
    expect(afterSignIn(undefined, sessionUser('leader'))).toBe('/overview');
    expect(afterSignIn('//evil.example/', sessionUser('handler')), 'an unsafe target falls back to the queue').toBe('/cases');
  });

  it('does not follow a ?redirect= the user may not open: the page the last user signed out of', () => {
    const mayOpen = (path: string) => path !== '/cases/new';
    expect(afterSignIn('/cases/new', sessionUser('leader'), mayOpen)).toBe('/overview');
    expect(afterSignIn('/cases?tab=mine', sessionUser('leader'), mayOpen)).toBe('/cases?tab=mine');
  });
});

describe('the app’s root, /', () => {
  beforeEach(() => setActivePinia(createPinia()));

  /** Where a navigation to `/` ends for `user` (pages are not loaded: the navigation stops at the first other path). */
  async function rootFor(user: ReturnType<typeof sessionUser> | null): Promise<string> {
    const router = createAppRouter(createMemoryHistory());
    const session = useSessionStore();
    const fetch = fakeAuthApi(user ? [user] : [], user);
    installAccessGuard(router, { get user() { return session.user; }, ensureLoaded: () => session.ensureLoaded({ fetch }) });
    const reached: string[] = [];
    router.beforeEach((to) => {
      if (to.path === '/') return true;
      reached.push(to.fullPath);
      return false;
    });
    await router.push('/');
    return reached.join(' → ');
  }

  it.each(LANDINGS)('sends a signed-in %s to %s once the session is known', async (role, path) => {
    expect(await rootFor(sessionUser(role))).toBe(path);
  });

  it('sends a visitor to the map', async () => {
    expect(await rootFor(null)).toBe('/map');
  });
});
