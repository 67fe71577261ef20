import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';

const { app } = createTestApp();

async function getJson(url: string, status = 200) {
  const res = await request(app).get(url);
  expect(res.status, `${url}: ${res.text.slice(0, 200)}`).toBe(status);
  return { res, body: JSON.parse(res.text) };
}

async function expectError(url: string, status: number, pattern: RegExp) {
  const { res, body } = await getJson(url, status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(body.error.message).toMatch(pattern);
  expect(res.text).not.toMatch(/at .*\.ts:\d+|\/work\//);
}

describe('OGC API – Features: capabilities', () => {
  it('serves a landing page with the required links', async () => {
    const { body } = await getJson('/ogc');
    const rels = body.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'service-doc', 'conformance', 'data']));
    expect(body.links.find((l: { rel: string }) => l.rel === 'data').href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc\/collections$/);
  });

  it('declares core, geojson and oas30 conformance', async () => {
    const { body } = await getJson('/ogc/conformance');
    expect(body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]));
  });

  it('publishes an OpenAPI 3.0 document with limit bounds and queryable properties', async () => {
    const { res, body } = await getJson('/ogc/api');
    expect(res.headers['content-type']).toMatch(/application\/vnd\.oai\.openapi\+json/);
    expect(body.openapi).toMatch(/^3\.0/);
    expect(body.components.parameters.limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 10000, default: 100 });
    const params = body.paths['/collections/garbage-rooms/items'].get.parameters.map((p: { name?: string }) => p.name).filter(Boolean);
    expect(params).toEqual(expect.arrayContaining(['status', 'households_served', 'sorting']));
  });

  it('serves an HTML service description', async () => {
    const res = await request(app).get('/ogc/api.html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('garbage-rooms');
  });
});

describe('OGC API – Features: collections', () => {
  it('lists every layer with extent and links', async () => {
    const { body } = await getJson('/ogc/collections');
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(['district-boundary', 'garbage-rooms', 'alleys']);
    const rooms = body.collections[1];
    expect(rooms.title).toBe('生态垃圾房');
    expect(rooms.extent.spatial.bbox[0][0]).toBeCloseTo(120.151, 4);
    expect(rooms.extent.temporal.interval[0][0]).toBe('2011-01-15T00:00:00.000Z');
    expect(rooms.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'items', 'describedby']));
  });

  it('answers in English for Accept-Language: en', async () => {
    const res = await request(app).get('/ogc/collections/garbage-rooms').set('Accept-Language', 'en');
    expect(JSON.parse(res.text).title).toBe('Garbage rooms');
  });

  it('gives an open temporal end for features still running', async () => {
    const { body } = await getJson('/ogc/collections/alleys');
    expect(body.extent.temporal.interval).toEqual([['2011-03-01T00:00:00.000Z', null]]);
  });

  it('serves the schema and queryables', async () => {
    const { res, body } = await getJson('/ogc/collections/garbage-rooms/schema');
    expect(res.headers['content-type']).toMatch(/application\/schema\+json/);
    expect(body.properties.households_served).toMatchObject({ type: 'integer', title: '服务户数' });
    expect(body.properties.geometry['x-ogc-role']).toBe('primary-geometry');
    const q = await getJson('/ogc/collections/garbage-rooms/queryables');
    expect(q.body.additionalProperties).toBe(false);
  });

  it('404s an unknown collection', async () => {
    await expectError('/ogc/collections/nope', 404, /collection "nope" does not exist/);
    await expectError('/ogc/collections/nope/items', 404, /collection "nope"/);
  });
});

describe('OGC API – Features: items', () => {
  it('returns GeoJSON with counts and a default limit', async () => {
    const { res, body } = await getJson('/ogc/collections/garbage-rooms/items');
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(body).toMatchObject({ type: 'FeatureCollection', numberMatched: 12, numberReturned: 12 });
    expect(body.features[0]).toMatchObject({ type: 'Feature', id: expect.any(Number), geometry: { type: 'Point' } });
    expect(body.features[0].properties.name).toBe('垃圾房1');
  });

  it('answers application/json when asked for it', async () => {
    expect((await request(app).get('/ogc/collections/alleys/items?f=json')).headers['content-type']).toMatch(/^application\/json/);
    expect((await request(app).get('/ogc/collections/alleys/items').set('Accept', 'application/json')).headers['content-type']).toMatch(/^application\/json/);
    expect((await request(app).get('/ogc/collections/alleys/items').set('Accept', 'application/geo+json, application/json')).headers['content-type']).toMatch(/^application\/geo\+json/);
  });

  it('pages with limit and next/prev links that cover every feature once', async () => {
    const ids: number[] = [];
    let url: string | undefined = '/ogc/collections/garbage-rooms/items?limit=5';
    let pages = 0;
    while (url) {
      const { body } = await getJson(url);
      ids.push(...body.features.map((f: { id: number }) => f.id));
      const next = body.links.find((l: { rel: string }) => l.rel === 'next');
      if (pages > 0) expect(body.links.some((l: { rel: string }) => l.rel === 'prev')).toBe(true);
      url = next ? new URL(next.href).pathname + new URL(next.href).search : undefined;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(12);
  });

  it('clamps a limit above the maximum', async () => {
    const { body } = await getJson('/ogc/collections/garbage-rooms/items?limit=999999');
    expect(body.numberReturned).toBe(12);
    expect(body.links.find((l: { rel: string }) => l.rel === 'self').href).toContain('limit=999999');
  });

  it('filters by bbox', async () => {
    const { body } = await getJson('/ogc/collections/garbage-rooms/items?bbox=120.150,30.230,120.156,30.236');
    expect(body.numberMatched).toBe(4);
    for (const f of body.features) expect(f.geometry.coordinates[0]).toBeLessThanOrEqual(120.156);
  });

  it('filters by datetime instant and interval', async () => {
    expect((await getJson('/ogc/collections/garbage-rooms/items?datetime=2011-02-15')).body.numberMatched).toBe(2);
    expect((await getJson('/ogc/collections/garbage-rooms/items?datetime=2011-08-01/..')).body.numberMatched).toBe(2);
    expect((await getJson('/ogc/collections/alleys/items?datetime=2012-01-01T00:00:00Z')).body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['红门局']);
  });

  it('filters by equality on schema properties, typed by the schema', async () => {
    expect((await getJson('/ogc/collections/garbage-rooms/items?status=open')).body.numberMatched).toBe(6);
    expect((await getJson('/ogc/collections/garbage-rooms/items?households_served=300')).body.numberMatched).toBe(1);
    expect((await getJson('/ogc/collections/garbage-rooms/items?sorting=true&status=closed')).body.numberMatched).toBe(2);
    expect((await getJson("/ogc/collections/garbage-rooms/items?status=open'%20OR%20'1'='1")).body.numberMatched).toBe(0);
  });

  it.each([
    ['bbox=1,2,3', 400, /bbox must be 4 or 6/],
    ['bbox=a,b,c,d', 400, /bbox must be/],
    ['bbox=120,31,121,30', 400, /minimum latitude exceeds/],
    ['datetime=yesterday', 400, /not an RFC 3339/],
    ['datetime=2011-13-45', 400, /not an RFC 3339/],
    ['datetime=../..', 400, /at least one end/],
    ['datetime=2012-01-01/2011-01-01', 400, /starts after it ends/],
    ['limit=0', 400, /limit.*integer ≥ 1/],
    ['limit=abc', 400, /limit/],
    ['offset=-1', 400, /offset/],
    ['colour=red', 400, /unknown query parameter "colour"/],
    ['households_served=many', 400, /must be an integer/],
    ['sorting=yes', 400, /true or false/],
    ['limit=5&limit=6', 400, /given once/],
    ['f=xml', 400, /"f" must be json or geojson/],
  ])('rejects ?%s', async (query, status, pattern) => {
    await expectError(`/ogc/collections/garbage-rooms/items?${query}`, status, pattern);
  });

  it('serves one feature with an ETag, and 404s unknown ones', async () => {
    const { body: page } = await getJson('/ogc/collections/alleys/items');
    const id = page.features[0].id;
    const { res, body } = await getJson(`/ogc/collections/alleys/items/${id}`);
    expect(res.headers.etag).toMatch(/^"\d+-\d+"$/);
    expect(body).toMatchObject({ type: 'Feature', id, properties: { name: '羊坝头' } });
    await expectError('/ogc/collections/alleys/items/999999', 404, /feature "999999" does not exist/);
    await expectError('/ogc/collections/alleys/items/abc', 404, /feature "abc"/);
    const other = (await getJson('/ogc/collections/garbage-rooms/items?limit=1')).body.features[0].id;
    await expectError(`/ogc/collections/alleys/items/${other}`, 404, /does not exist in collection "alleys"/);
  });
});

describe('console API', () => {
  it('lists layers with counts, styles and schemas', async () => {
    const { body } = await getJson('/api/layers');
    const rooms = body.layers.find((l: { id: string }) => l.id === 'garbage-rooms');
    expect(rooms).toMatchObject({ featureCount: 12, group: 'ecology', geometryType: 'Point', style: { color: '#1b9e77' } });
    expect(rooms.bbox).toHaveLength(4);
  });

  it('lists indicators and validates the year', async () => {
    expect((await getJson('/api/indicators?year=2011')).body.indicators[0]).toMatchObject({ key: 'total_tax', value: 8.7 });
    await expectError('/api/indicators?year=abc', 400, /invalid query/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    await expectError('/api/nope', 404, /no route for GET \/api\/nope/);
  });
});
