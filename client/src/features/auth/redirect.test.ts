import { describe, expect, it } from 'vitest';
import { loginLocation, safeRedirect } from './redirect';

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
});
