import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { PROJECT_ROOT, testConfig } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';
import { act, caseBody, HEFANG } from '../helpers/cases';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { createTestDatabaseUrl, testEngine } from '../helpers/test-db';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

// Tiles after writes: the server brings a point layer's index up to date from the change log of the
// writes since (or by reading the whole layer); either way a tile must equal the tile a server that
// never saw the earlier versions builds from the database as it is now.

const NOW = '2011-12-31T00:00:00.000Z';
const dataDir = path.join(PROJECT_ROOT, 'data');

async function tileBody(app: App, layer: string, t: { z: number; x: number; y: number }): Promise<{ status: number; body: Buffer }> {
  const res = await request(app).get(`/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`).buffer(true).parse(binaryParser as never);
  return { status: res.status, body: res.body as Buffer };
}

/** The features of one layer of a tile body, by id. */
function featuresIn(body: Buffer, layer: string): Map<number, Record<string, unknown>> {
  const l = body.length ? decodeTile(body).layers[layer] : undefined;
  const out = new Map<number, Record<string, unknown>>();
  for (let i = 0; i < (l?.length ?? 0); i += 1) out.set(Number(l!.feature(i).id), l!.feature(i).properties);
  return out;
}

/** The tile from `app` (which has served earlier versions) is the one a brand-new server builds over `db`. */
async function expectFresh(app: App, db: Db, layer: string, t: { z: number; x: number; y: number }): Promise<Map<number, Record<string, unknown>>> {
  const served = await tileBody(app, layer, t);
  const fresh = await tileBody(createApp({ db, config: testConfig({ dataDir }) }), layer, t);
  expect(served.status).toBe(fresh.status);
  expect(served.body.equals(fresh.body)).toBe(true);
  return featuresIn(served.body, layer);
}

const HEFANG_TILES = [14, 16, 17].map((z) => tileOf(HEFANG.lon, HEFANG.lat, z));

describe('case tiles after case writes', () => {
  let s: SecuredApp;
  beforeAll(async () => {
    s = await createSecuredApp({}, dataDir);
  });

  const file = async (over: Record<string, unknown> = {}) => {
    const res = await request(s.app).post('/api/cases').set('Cookie', await s.cookieFor('inspector')).send(caseBody(over));
    expect(res.status).toBe(201);
    return res.body.case as { id: number; number: string };
  };
  const featureOf = (caseId: number) => s.db.prepare('SELECT feature_id FROM cases WHERE id = ?').pluck().get(caseId) as number;

  it('shows a filed case, then its edits, void and rejection, in every tile that holds it', async () => {
    const first = await file();
    for (const t of HEFANG_TILES) await expectFresh(s.app, s.db, 'cases', t);
    const second = await file({ lon: HEFANG.lon + 0.0002 });
    const registered = await file({ lon: HEFANG.lon - 0.0002 });
    for (const t of HEFANG_TILES) {
      const features = await expectFresh(s.app, s.db, 'cases', t);
      expect(features.get(featureOf(second.id))).toMatchObject({ number: second.number, state: 'reported' });
    }
    expect((await act(s, 'supervisor', first.id, 'void', { reason: '误报' })).status).toBe(200);
    expect((await act(s, 'supervisor', second.id, 'reject', { reason: '重复上报', duplicateOf: first.id })).status).toBe(200);
    expect((await act(s, 'supervisor', registered.id, 'register')).status).toBe(200);
    for (const t of HEFANG_TILES) {
      const features = await expectFresh(s.app, s.db, 'cases', t);
      expect(features.get(featureOf(first.id))).toMatchObject({ state: 'void' });
      expect(features.get(featureOf(second.id))).toMatchObject({ state: 'rejected' });
      expect(features.get(featureOf(registered.id))).toMatchObject({ state: 'registered' });
    }
  });

  it('drops a deleted feature and moves an edited one (OGC writes to a point layer)', async () => {
    const cookie = await s.cookieFor('planner');
    const t = tileOf(120.161, 30.241, 17);
    const far = tileOf(120.1558, 30.2447, 17);
    const before = await expectFresh(s.app, s.db, 'garbage-rooms', t);
    const template = (await request(s.app).get('/ogc/collections/garbage-rooms/items?limit=1')).body.features[0].properties;
    const room = (name: string, coordinates: number[]) => JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { ...template, name, status: 'in_service' } });
    const created = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', cookie).set('Content-Type', 'application/geo+json').send(room('新垃圾房', [120.161, 30.241]));
    expect(created.status).toBe(201);
    const itemPath = new URL(created.headers.location!).pathname;
    const id = Number(itemPath.split('/').at(-1));
    expect((await expectFresh(s.app, s.db, 'garbage-rooms', t)).get(id)).toMatchObject({ name: '新垃圾房', status: 'in_service' });
    expect((await request(s.app).put(itemPath).set('Cookie', cookie).set('Content-Type', 'application/geo+json').send(room('搬走', [120.1557, 30.2446]))).status).toBe(200);
    expect((await expectFresh(s.app, s.db, 'garbage-rooms', t)).has(id)).toBe(false);
    expect((await expectFresh(s.app, s.db, 'garbage-rooms', far)).get(id)).toMatchObject({ name: '搬走' });
    expect((await request(s.app).delete(itemPath).set('Cookie', cookie)).status).toBe(204);
    expect((await expectFresh(s.app, s.db, 'garbage-rooms', far)).has(id)).toBe(false);
    expect([...(await expectFresh(s.app, s.db, 'garbage-rooms', t)).keys()].sort()).toEqual([...before.keys()].sort());
  });
});

// another connection is another process's view: a second SQLite connection to the file, or a second PostgreSQL session
describe('tiles after writes from another connection', () => {
  let dir: string;
  let db: Db;
  let other: Db;
  let app: App;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-tiles-fresh-'));
    const target = testEngine() === 'postgres' ? createTestDatabaseUrl() : path.join(dir, 'db.sqlite');
    db = openDatabase(target);
    seedDatabase(db, dataDir);
    await seedDemoAccounts(db);
    app = createApp({ db, config: testConfig({ dataDir }) });
    other = openDatabase(target);
  });
  afterAll(() => {
    other.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const point = (lon: number, lat: number, name: string) => ({
    layerId: 'garbage-rooms', geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }),
    properties: JSON.stringify({ name, name_en: name, status: 'open', households_served: 10 }),
    bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: null, datetimeEnd: null,
  });

  it('serves the other connection\'s inserts, updates and deletes at once', async () => {
    const t = tileOf(120.161, 30.241, 14);
    const before = await expectFresh(app, db, 'garbage-rooms', t);
    const features = createFeatureRepository(other);
    const ids = other.transaction(() => [features.insert(point(120.161, 30.241, '甲'), NOW), features.insert(point(120.162, 30.242, '乙'), NOW)])();
    expect((await expectFresh(app, db, 'garbage-rooms', t)).get(ids[0]!)).toMatchObject({ name: '甲' });
    other.transaction(() => {
      features.update(ids[0]!, { ...point(120.1615, 30.2415, '甲改'), properties: JSON.stringify({ name: '甲改', name_en: 'x', status: 'closed' }) }, NOW);
      features.remove('garbage-rooms', ids[1]!);
      features.remove('garbage-rooms', [...before.keys()][0]!);
    })();
    const after = await expectFresh(app, db, 'garbage-rooms', t);
    expect(after.get(ids[0]!)).toEqual({ name: '甲改', name_en: 'x', status: 'closed' });
    expect(after.has(ids[1]!)).toBe(false);
    expect(after.size).toBe(before.size);
  });

  it('keeps a tile (and its ETag) that a write did not touch, and rebuilds one whose buffer it reached', async () => {
    const t = tileOf(120.161, 30.241, 17);
    const etag = async () => (await request(app).get(`/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`)).headers.etag;
    const features = createFeatureRepository(other);
    const before = await expectFresh(app, db, 'garbage-rooms', t);
    const first = await etag();
    features.insert(point(120.1558, 30.2447, '远处'), NOW);
    expect(await etag()).toBe(first);
    expect(await expectFresh(app, db, 'garbage-rooms', t)).toEqual(before);
    // just east of the tile, inside its 64-unit buffer (1/64 of its width)
    const eastEdge = ((t.x + 1) / 2 ** t.z) * 360 - 180;
    const id = features.insert(point(eastEdge + (360 / 2 ** t.z) / 200, 30.241, '边上'), NOW);
    expect(await etag()).not.toBe(first);
    expect((await expectFresh(app, db, 'garbage-rooms', t)).get(id)).toMatchObject({ name: '边上' });
  });

  it('rebuilds from the whole layer after a layer definition change (no change-log entry for that version)', async () => {
    const t = tileOf(120.161, 30.241, 14);
    expect([...(await expectFresh(app, db, 'garbage-rooms', t)).values()].some((p) => 'status' in p)).toBe(true);
    const layers = createLayerRepository(other);
    const layer = layers.get('garbage-rooms')!;
    const properties = Object.fromEntries(Object.entries(layer.schema.properties).filter(([name]) => name !== 'status'));
    layers.upsert({ ...layer, schema: { ...layer.schema, properties, required: layer.schema.required.filter((n) => n !== 'status') } }, NOW);
    const after = await expectFresh(app, db, 'garbage-rooms', t);
    expect(after.size).toBeGreaterThan(0);
    expect([...after.values()].some((p) => 'status' in p)).toBe(false);
  });
});
