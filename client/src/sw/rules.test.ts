import { describe, expect, it } from 'vitest';
import { cacheableMapStatus, classifyRequest, endsUserData } from './rules';

const ORIGIN = 'https://qingbo.example';
const req = (method: string, path: string, mode = 'cors') => ({ method, url: `${ORIGIN}${path}`, mode });

describe('how the service worker answers a request', () => {
  it('serves page navigations from the network with the shell as fallback, but never server paths', () => {
    expect(classifyRequest(req('GET', '/cases/new', 'navigate'), ORIGIN)).toBe('navigation');
    expect(classifyRequest(req('GET', '/', 'navigate'), ORIGIN)).toBe('navigation');
    expect(classifyRequest(req('GET', '/ogc/api.html', 'navigate'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/cases', 'navigate'), ORIGIN)).toBe('network');
  });

  it('keeps only the identity and the catalogue of the API, and only their plain GETs', () => {
    expect(classifyRequest(req('GET', '/api/auth/me'), ORIGIN)).toBe('user-api');
    expect(classifyRequest(req('GET', '/api/cases/categories'), ORIGIN)).toBe('user-api');
    expect(classifyRequest(req('GET', '/api/cases/categories?all=1'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/cases'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/cases/12'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/events'), ORIGIN)).toBe('network');
  });

  it('keeps the layer catalogue with the map, so the location map draws offline, but not the layers’ other API', () => {
    expect(classifyRequest(req('GET', '/api/layers'), ORIGIN)).toBe('map');
    expect(classifyRequest(req('GET', '/api/layers?fresh=1'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/layers/garbage-rooms/features/3/photos'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('POST', '/api/layers/garbage-rooms/import'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/api/layers', 'navigate'), ORIGIN)).toBe('network');
    expect(endsUserData(classifyRequest(req('GET', '/api/layers'), ORIGIN), 401), 'a refused catalogue empties the user’s map copies').toBe(true);
  });

  it('never caches a write: posts, puts and deletes go to the network', () => {
    expect(classifyRequest(req('POST', '/api/cases'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('POST', '/api/cases/3/photos'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('PUT', '/api/cases/categories/E01-02'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('DELETE', '/ogc/collections/x/items/1'), ORIGIN)).toBe('network');
    expect(classifyRequest(req('POST', '/api/auth/logout'), ORIGIN)).toBe('session-change');
    expect(classifyRequest(req('POST', '/api/auth/login'), ORIGIN)).toBe('session-change');
  });

  it('caches hashed build files, map styles and tiles, and leaves other origins alone', () => {
    expect(classifyRequest(req('GET', '/assets/index-LVA0CWYs.js'), ORIGIN)).toBe('asset');
    expect(classifyRequest(req('GET', '/styles/light.json'), ORIGIN)).toBe('map');
    expect(classifyRequest(req('GET', '/tiles/basemap/15/27333/13412.mvt'), ORIGIN)).toBe('map');
    expect(classifyRequest(req('GET', '/tiles/basemap.json'), ORIGIN)).toBe('map');
    expect(classifyRequest(req('GET', '/tiles/garbage-rooms/15/27333/13412.mvt?v=7'), ORIGIN)).toBe('map-versioned');
    expect(classifyRequest(req('GET', '/tiles/garbage-rooms.json?v=7'), ORIGIN)).toBe('map');
    expect(classifyRequest({ method: 'GET', url: 'https://tile.openstreetmap.org/1/0/0.png', mode: 'cors' }, ORIGIN)).toBe('network');
    expect(classifyRequest(req('GET', '/sw.js'), ORIGIN)).toBe('network');
  });
});

describe('when the user’s cached data goes', () => {
  it('goes on a successful sign-in or sign-out, and on a 401 from a cached route', () => {
    expect(endsUserData('session-change', 204)).toBe(true);
    expect(endsUserData('session-change', 200)).toBe(true);
    expect(endsUserData('session-change', 401), 'a wrong password leaves the signed-in user’s copies').toBe(false);
    expect(endsUserData('user-api', 401)).toBe(true);
    expect(endsUserData('map', 401)).toBe(true);
    expect(endsUserData('map-versioned', 401)).toBe(true);
    expect(endsUserData('user-api', 200)).toBe(false);
    expect(endsUserData('user-api', 503), 'a server hiccup is not a sign-out').toBe(false);
    expect(endsUserData('asset', 401)).toBe(false);
  });

  it('caches tiles and empty tiles, nothing else', () => {
    expect([200, 204, 304, 404, 500].map(cacheableMapStatus)).toEqual([true, true, false, false, false]);
  });
});
