import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

let s: SecuredApp;
let cookie: string;
beforeAll(async () => {
  s = await createSecuredApp();
  cookie = await s.cookieFor('planner');
});

const room = (name: string, coordinates = [120.161, 30.241]) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { name, name_en: `Room ${name}`, status: 'open', households_served: 120 },
});

const post = (body: unknown) => request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookie).set('Content-Type', 'application/geo+json').send(JSON.stringify(body));

describe('OGC API – Features Part 4 writes', () => {
  it('declares the Part 4 conformance classes', async () => {
    const res = await request(s.app).get('/ogc/conformance');
    expect(res.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete');
  });

  it('creates a feature: 201, Location and ETag, readable at once', async () => {
    const res = await post(room('新建垃圾房'));
    expect(res.status).toBe(201);
    expect(res.headers.location).toMatch(/\/ogc\/collections\/garbage-rooms\/items\/\d+$/);
    expect(res.headers.etag).toMatch(/^"\d+-1"$/);
    const read = await request(s.app).get(new URL(res.headers.location!).pathname);
    expect(read.body.properties).toMatchObject({ name: '新建垃圾房', households_served: 120 });
    expect(read.headers.etag).toBe(res.headers.etag);
  });

  it('shows a new feature in the next tile', async () => {
    const t = tileOf(120.1625, 30.2425, 17);
    const url = `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`;
    const count = async () => {
      const res = await request(s.app).get(url).buffer(true).parse(binaryParser as never);
      return res.status === 204 ? 0 : decodeTile(res.body).layers['garbage-rooms']!.length;
    };
    const before = await count();
    expect((await post(room('瓦片测试', [120.1625, 30.2425]))).status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('replaces with a matching If-Match and refuses a stale one with 412', async () => {
    const created = await post(room('待替换'));
    const path = new URL(created.headers.location!).pathname;
    const put = (etag: string, name: string) => request(s.app).put(path).set('Cookie', cookie).set('If-Match', etag).send(room(name));
    const first = await put(created.headers.etag!, '已替换');
    expect(first.status).toBe(200);
    expect(first.headers.etag).not.toBe(created.headers.etag);
    const stale = await put(created.headers.etag!, '冲突');
    expect(stale.status).toBe(412);
    expect((await request(s.app).get(path)).body.properties.name).toBe('已替换');
  });

  it('patches properties (null removes one) and keeps the rest', async () => {
    const created = await post(room('待修改'));
    const path = new URL(created.headers.location!).pathname;
    const res = await request(s.app).patch(path).set('Cookie', cookie).set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ properties: { status: 'closed', households_served: null } }));
    expect(res.status).toBe(200);
    const read = (await request(s.app).get(path)).body;
    expect(read.properties).toEqual({ name: '待修改', name_en: 'Room 待修改', status: 'closed' });
    expect(read.geometry.coordinates).toEqual([120.161, 30.241]);
  });

  it('deletes, then 404s', async () => {
    const created = await post(room('待删除'));
    const path = new URL(created.headers.location!).pathname;
    expect((await request(s.app).delete(path).set('Cookie', cookie)).status).toBe(204);
    expect((await request(s.app).get(path)).status).toBe(404);
    expect((await request(s.app).delete(path).set('Cookie', cookie)).status).toBe(404);
  });

  it.each([
    [{ ...room('x'), properties: { name: 'x', name_en: 'x', status: 'exploded' } }, /status.*open, closed/],
    [{ ...room('x'), properties: { name_en: 'x', status: 'open' } }, /name/],
    [{ ...room('x'), geometry: { type: 'LineString', coordinates: [[120.16, 30.24], [120.161, 30.24]] } }, /expected Point/],
    [room('湖里', [120.14, 30.24]), /outside the district/],
    [{ type: 'FeatureCollection', features: [] }, /not a GeoJSON Feature/],
  ])('refuses an invalid feature with a 422 naming the problem (%#)', async (body, pattern) => {
    const before = s.db.prepare('SELECT count(*) FROM features').pluck().get();
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_feature');
    expect(res.body.error.message).toMatch(pattern);
    expect(s.db.prepare('SELECT count(*) FROM features').pluck().get()).toBe(before);
  });

  it('answers 400, not 422, for a body that does not parse as JSON', async () => {
    const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookie).set('Content-Type', 'application/geo+json').send('{"type": "Feature",');
    expect(res.status).toBe(400);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookie).set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
  });

  it('records every write in the audit log, readable by admin', async () => {
    const created = await post(room('审计'));
    await request(s.app).patch(new URL(created.headers.location!).pathname).set('Cookie', cookie).send({ properties: { status: 'closed' } });
    const res = await request(s.app).get('/api/audit?entity=feature:garbage-rooms&limit=2').set('Cookie', await s.cookieFor('admin'));
    expect(res.status).toBe(200);
    const [patch, create] = res.body.entries;
    expect(patch).toMatchObject({ action: 'patch', username: 'planner', summary: { changed: { status: ['open', 'closed'] } } });
    expect(create).toMatchObject({ action: 'create', username: 'planner', summary: { after: { name: '审计' } } });
  });
});
