import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let planner: string;
beforeAll(async () => {
  s = await createSecuredApp();
  planner = await s.cookieFor('planner');
});

const XSS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  "'';!--\"<XSS>=&{()}",
];

const SQLI = ["' OR '1'='1", "1; DROP TABLE features; --", "\" OR 1=1 --", "1' UNION SELECT password_hash FROM users --", "%' OR 1=1 --", "') OR ('a'='a"];

function room(name: string, extra: Record<string, unknown> = {}) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [120.16, 30.24] }, properties: { name, name_en: name, status: 'open', ...extra } };
}

const count = () => s.db.prepare('SELECT count(*) FROM features').pluck().get() as number;

describe('XSS payloads', () => {
  it.each(XSS)('come back as inert text through the API: %s', async (payload) => {
    const created = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner).send(room(payload));
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(created.headers['x-content-type-options']).toBe('nosniff');
    const read = await request(s.app).get(new URL(created.headers.location!).pathname);
    expect(read.body.properties.name).toBe(payload);
    expect(read.headers['content-type']).not.toMatch(/html/);
  });

  it('are escaped in the one server-rendered HTML page', async () => {
    const res = await request(s.app).get('/ogc/api.html');
    expect(res.text).not.toMatch(/<script|onerror=|<svg/i);
  });

  it('cannot run scripts: the CSP forbids inline script', async () => {
    const res = await request(s.app).get('/map');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('SQL injection strings', () => {
  const params = ['status', 'name', 'households_served', 'sorting', 'bbox', 'datetime', 'limit', 'offset', 'opened_date'];
  it.each(params.flatMap((p) => SQLI.map((v) => [p, v] as const)))('in ?%s=%s give 400 or a literal match, never 500 or extra rows', async (param, value) => {
    const res = await request(s.app).get('/ogc/collections/garbage-rooms/items').query({ [param]: value });
    expect([200, 400]).toContain(res.status);
    if (res.status === 200) expect(res.body.numberMatched).toBe(0);
  });

  it.each(SQLI)('in other filters: %s', async (value) => {
    for (const url of [`/api/indicators?year=${encodeURIComponent(value)}`, `/styles/console.json?lang=${encodeURIComponent(value)}`]) {
      expect((await request(s.app).get(url)).status).toBe(400);
    }
    const audit = await request(s.app).get('/api/audit').query({ entity: value }).set('Cookie', await s.cookieFor('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toEqual([]);
  });

  it('leave the tables intact', () => {
    for (const table of ['features', 'users', 'layers']) expect(s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBeGreaterThan(0);
  });
});

describe('path traversal', () => {
  it.each([
    '/tiles/..%2f..%2fpackage.json/1/0/0.mvt',
    '/tiles/../../etc/passwd',
    '/tiles/garbage-rooms/1/0/..%2f..%2f0.mvt',
    '/tiles/%2e%2e%2fdata.json',
    '/styles/..%2f..%2fpackage.json',
    '/styles/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/server/src/app.ts',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/ogc/collections/..%2f..%2fusers/items',
  ])('%s gives 400 or 404 and no file', async (path) => {
    const res = await request(s.app).get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toMatch(/"dependencies"|root:x:0|createApp/);
  });
});

describe('oversized bodies', () => {
  it.each(['/api/auth/login', '/ogc/collections/garbage-rooms/items'])('are refused with 413 on %s', async (path) => {
    const before = count();
    const res = await request(s.app).post(path).set('Cookie', planner).set('Content-Type', 'application/json')
      .send(JSON.stringify({ type: 'Feature', properties: { name: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(count()).toBe(before);
  });
});

describe('cross-site writes', () => {
  it('are refused when the Origin is another site', async () => {
    const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner)
      .set('Origin', 'https://evil.example').send(room('csrf'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
  });
  it('pass from the same origin', async () => {
    const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner)
      .set('Host', 'console.local').set('Origin', 'http://console.local').send(room('same-origin'));
    expect(res.status).toBe(201);
  });
});

describe('malformed GeoJSON (property-based)', () => {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const nearlyFeature = fc.record({
    type: fc.oneof(fc.constant('Feature'), fc.string()),
    geometry: fc.oneof(
      anyJson,
      fc.record({ type: fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPoint', 'GeometryCollection', 'Nope'), coordinates: anyJson }),
      fc.record({ type: fc.constant('Point'), coordinates: fc.array(fc.oneof(fc.double(), fc.integer(), fc.string()), { maxLength: 4 }) }),
    ),
    properties: fc.oneof(anyJson, fc.record({ name: anyJson, name_en: anyJson, status: fc.oneof(fc.constantFrom('open', 'closed'), anyJson) }, { requiredKeys: [] })),
  }, { requiredKeys: [] });

  it('never crashes the server and never writes a row unless valid', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(nearlyFeature, anyJson), async (body) => {
      const before = count();
      const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner)
        .set('Content-Type', 'application/geo+json').send(JSON.stringify(body));
      expect(res.status).toBeLessThan(500);
      if (res.status === 201) expect(count()).toBe(before + 1);
      else {
        // 422 for JSON that is no valid feature (OGC API – Features Part 4); 400 when the body parser
        // refuses it (a bare number or string is no JSON object)
        expect([400, 422]).toContain(res.status);
        expect(count()).toBe(before);
      }
    }), { numRuns: 300, seed: 2011 });
  });

  it('never crashes a PATCH or a PUT either', async () => {
    const id = (await request(s.app).get('/ogc/collections/garbage-rooms/items?limit=1')).body.features[0].id;
    const snapshot = () => s.db.prepare('SELECT geometry, properties, version FROM features WHERE id = ?').get(id);
    await fc.assert(fc.asyncProperty(fc.constantFrom('put', 'patch'), fc.oneof(nearlyFeature, anyJson), async (method, body) => {
      const before = snapshot();
      const res = await request(s.app)[method as 'put'](`/ogc/collections/garbage-rooms/items/${id}`).set('Cookie', planner)
        .set('Content-Type', 'application/json').send(JSON.stringify(body));
      expect(res.status).toBeLessThan(500);
      if (res.status !== 200) expect(snapshot()).toEqual(before);
    }), { numRuns: 200, seed: 1949 });
  });
});
