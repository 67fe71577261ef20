import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

const SITE = 'https://map.partner.example';
const TILE = '/tiles/garbage-rooms/14/13660/6746.mvt';
const OGC_TILE = '/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/14/6746/13660';
const READS = [TILE, OGC_TILE, '/tiles/garbage-rooms.json', '/styles/console.json', '/ogc', '/ogc/collections', '/ogc/collections/garbage-rooms/items?limit=1', '/ogc/tiles/WebMercatorQuad', '/open311/v2/services.json', '/open311/discovery.json'];

describe('CORS_ORIGINS', () => {
  it.each([
    ['', []],
    ['*', '*'],
    [`${SITE}, http://localhost:5173`, [SITE, 'http://localhost:5173']],
  ])('reads %j', (value, origins) => {
    expect(loadConfig({ CORS_ORIGINS: value }).corsOrigins).toEqual(origins);
  });

  it.each(['map.partner.example', 'https://map.partner.example/', 'https://map.partner.example/path', 'ftp://x.example', '*,https://a.example'])('stops start-up for %j with a message naming the variable', (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS=/);
  });
});

describe('with an allowlist', () => {
  let s: SecuredApp;
  beforeAll(async () => {
    s = await createSecuredApp({ corsOrigins: [SITE] });
  });

  it.each(READS)('lets an allowed origin read %s, varying on Origin, without credentials', async (path) => {
    const res = await request(s.app).get(path).set('Origin', SITE);
    expect(res.status, res.text).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/\bOrigin\b/);
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
  });

  it('gives another origin no CORS header, and still says Vary: Origin', async () => {
    for (const path of [TILE, '/ogc/collections']) {
      const res = await request(s.app).get(path).set('Origin', 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
    }
  });

  it('answers a preflight of a read with 204 and the allowed methods and headers', async () => {
    for (const path of [TILE, OGC_TILE, '/ogc/collections/garbage-rooms/items', '/styles/console.json']) {
      const res = await request(s.app).options(path).set('Origin', SITE).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'if-none-match, range');
      expect(res.status, path).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
      expect(res.headers['access-control-allow-headers']).toMatch(/If-None-Match/);
      expect(res.headers['access-control-allow-headers']).toMatch(/Range/);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('never opens writes: a preflight of a POST gets no CORS approval, and writes carry no CORS header', async () => {
    const preflight = await request(s.app).options('/ogc/collections/garbage-rooms/items').set('Origin', SITE).set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const write = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Origin', SITE).set('Cookie', await s.cookieFor('planner')).send({});
    expect(write.status).toBe(403);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps the console\'s own API same-origin', async () => {
    const res = await request(s.app).get('/api/layers').set('Origin', SITE);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(s.app).options('/api/layers').set('Origin', SITE).set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(404);
  });

  it('lets the allowed origin see the status of a refused tile', async () => {
    const res = await request(s.app).get('/tiles/nope/14/13660/6746.mvt').set('Origin', SITE);
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
  });
});

describe('with *', () => {
  it('answers every origin with *, no Vary on Origin', async () => {
    const s = await createSecuredApp({ corsOrigins: '*' });
    for (const path of [TILE, '/ogc/collections', '/open311/v2/services.json']) {
      const res = await request(s.app).get(path).set('Origin', 'https://anyone.example');
      expect(res.headers['access-control-allow-origin'], path).toBe('*');
      expect(res.headers.vary ?? '').not.toMatch(/\bOrigin\b/);
    }
  });
});

describe('by default', () => {
  it('sends no CORS header at all', async () => {
    const s = await createSecuredApp();
    for (const path of READS) {
      const res = await request(s.app).get(path).set('Origin', SITE);
      expect(res.headers['access-control-allow-origin'], path).toBeUndefined();
    }
    const preflight = await request(s.app).options(TILE).set('Origin', SITE).set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
