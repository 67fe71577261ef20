import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

const IF_MATCH_CLASS = 'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags';
const allowOf = (res: request.Response) => String(res.headers.allow).split(',').map((m) => m.trim()).sort();

let s: SecuredApp;
let id: number;
beforeAll(async () => {
  s = await createSecuredApp();
  id = s.db.prepare("SELECT id FROM features WHERE layer_id = 'garbage-rooms' ORDER BY id LIMIT 1").pluck().get() as number;
});

describe('OPTIONS on OGC resources (Part 4)', () => {
  it.each([
    ['/ogc', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/conformance', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/collections', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/collections/garbage-rooms', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/collections/garbage-rooms/items', ['GET', 'HEAD', 'OPTIONS', 'POST']],
    ['/ogc/collections/garbage-rooms/items/1', ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'PUT']],
    ['/ogc/collections/garbage-rooms/schema', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/tileMatrixSets/WebMercatorQuad', ['GET', 'HEAD', 'OPTIONS']],
    ['/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/14/6746/13660', ['GET', 'HEAD', 'OPTIONS']],
    ['/tiles/garbage-rooms.json', ['GET', 'HEAD', 'OPTIONS']],
  ])('%s allows %j, without a session', async (path, methods) => {
    const res = await request(s.app).options(path);
    expect(res.status).toBe(204);
    expect(allowOf(res)).toEqual(methods);
  });

  it('allows no writes on a read-only collection (like cases), and the API document offers none', async () => {
    const ro = await createSecuredApp();
    // portable SQL (both engines): the options JSON is changed here, not by the database's JSON functions
    const options = JSON.parse(ro.db.prepare("SELECT options FROM layers WHERE id = 'alleys'").pluck().get() as string) as Record<string, unknown>;
    ro.db.prepare("UPDATE layers SET options = ? WHERE id = 'alleys'").run(JSON.stringify({ ...options, readOnly: true }));
    expect(allowOf(await request(ro.app).options('/ogc/collections/alleys/items'))).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowOf(await request(ro.app).options('/ogc/collections/alleys/items/1'))).toEqual(['GET', 'HEAD', 'OPTIONS']);
    const { body: api } = await request(ro.app).get('/ogc/api');
    expect(api.paths['/collections/alleys/items'].post).toBeUndefined();
    expect(api.paths['/collections/alleys/items/{featureId}'].put).toBeUndefined();
  });

  it('answers 404 for an unknown collection or feature id', async () => {
    expect((await request(s.app).options('/ogc/collections/nope')).status).toBe(404);
    expect((await request(s.app).options('/ogc/collections/garbage-rooms/items/abc')).status).toBe(404);
    expect((await request(s.app).options('/ogc/nothing-here')).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes the writes with their bodies and answers, /schema and /queryables, and the tiles', async () => {
    const { body: api } = await request(s.app).get('/ogc/api');
    const items = api.paths['/collections/garbage-rooms/items'];
    expect(items.get).toBeDefined();
    expect(Object.keys(items.post.requestBody.content)).toContain('application/geo+json');
    expect(Object.keys(items.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '415', '422']));
    const one = api.paths['/collections/garbage-rooms/items/{featureId}'];
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(Object.keys(one.patch.requestBody.content)).toEqual(['application/merge-patch+json']);
    expect(one.put.parameters.map((p: { name?: string }) => p.name)).toContain('If-Match');
    expect(Object.keys(one.put.responses)).toEqual(expect.arrayContaining(['200', '412', '422', '428']));
    expect(api.paths['/collections/garbage-rooms/schema'].get.responses[200].content['application/schema+json']).toBeDefined();
    expect(api.paths['/collections/garbage-rooms/queryables'].get).toBeDefined();
    expect(api.paths['/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}'].get.responses[200].content['application/vnd.mapbox-vector-tile']).toBeDefined();
    expect(api.components.securitySchemes.token).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('If-Match', () => {
  const feature = (name: string) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.161, 30.241] }, properties: { name, name_en: name, status: 'open' } });

  it('is optional by default, and its class is not declared', async () => {
    const planner = await s.cookieFor('planner');
    const res = await request(s.app).patch(`/ogc/collections/garbage-rooms/items/${id}`).set('Cookie', planner).send({ properties: { status: 'open' } });
    expect(res.status).toBe(200);
    expect((await request(s.app).get('/ogc/conformance')).body.conformsTo).not.toContain(IF_MATCH_CLASS);
  });

  it('is required with OGC_REQUIRE_IF_MATCH: PUT, PATCH and DELETE without it answer 428 and change nothing', async () => {
    const strict = await createSecuredApp({ ogcRequireIfMatch: true });
    const planner = await strict.cookieFor('planner');
    expect((await request(strict.app).get('/ogc/conformance')).body.conformsTo).toContain(IF_MATCH_CLASS);
    const path = `/ogc/collections/garbage-rooms/items/${id}`;
    const before = strict.db.prepare('SELECT version FROM features WHERE id = ?').pluck().get(id);
    for (const req of [
      request(strict.app).put(path).set('Cookie', planner).send(feature('无条件')),
      request(strict.app).patch(path).set('Cookie', planner).send({ properties: { status: 'closed' } }),
      request(strict.app).delete(path).set('Cookie', planner),
    ]) {
      const res = await req;
      expect(res.status).toBe(428);
      expect(res.body.error.code).toBe('precondition_required');
    }
    expect(strict.db.prepare('SELECT version FROM features WHERE id = ?').pluck().get(id)).toBe(before);
    const etag = (await request(strict.app).get(path)).headers.etag!;
    expect((await request(strict.app).patch(path).set('Cookie', planner).set('If-Match', etag).send({ properties: { status: 'closed' } })).status).toBe(200);
    expect((await request(strict.app).patch(path).set('Cookie', planner).set('If-Match', etag).send({ properties: { status: 'open' } })).status).toBe(412);
    expect((await request(strict.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner).send(feature('新建'))).status).toBe(201);
  });

  it('is read from OGC_REQUIRE_IF_MATCH', async () => {
    const { loadConfig } = await import('../../server/src/config');
    expect(loadConfig({}).ogcRequireIfMatch).toBe(false);
    expect(loadConfig({ OGC_REQUIRE_IF_MATCH: 'true' }).ogcRequireIfMatch).toBe(true);
    expect(() => loadConfig({ OGC_REQUIRE_IF_MATCH: 'yes' })).toThrow(/OGC_REQUIRE_IF_MATCH/);
  });
});
