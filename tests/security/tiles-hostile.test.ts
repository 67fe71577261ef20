import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { VectorTileLayer } from '@mapbox/vector-tile';
import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { isPostgres, openDatabase, type Db } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';
import { createTestApp } from '../helpers/app';
import { writeFixtureDataDir } from '../helpers/fixture-data';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

const NOW = '2011-12-31T00:00:00.000Z';
const ROOM = { lon: 120.1612, lat: 30.2433 };
const ALLEY: [number, number][] = [[120.1601, 30.2421], [120.1623, 30.2428]];

function getTile(app: Parameters<typeof request>[0], path: string) {
  return request(app).get(path).buffer(true).parse(binaryParser as never);
}

/** Stores a feature as written by hand into the database: `properties` is raw JSON text, no validation. */
function storeRaw(db: Db, layerId: string, coordinates: [number, number][], properties: string, geometry?: string): number {
  const features = createFeatureRepository(db);
  const lons = coordinates.map((c) => c[0]);
  const lats = coordinates.map((c) => c[1]);
  const type = coordinates.length === 1 ? 'Point' : 'LineString';
  return db.transaction(() => features.insert({
    layerId,
    geometry: geometry ?? JSON.stringify({ type, coordinates: type === 'Point' ? coordinates[0] : coordinates }),
    properties,
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    datetimeStart: null, datetimeEnd: null,
  }, NOW))();
}

function featureById(layer: VectorTileLayer, id: number) {
  for (let i = 0; i < layer.length; i += 1) {
    const f = layer.feature(i);
    if (f.id === id) return f;
  }
  throw new Error(`feature ${id} is not in the tile`);
}

describe('tiles encode any stored property value', () => {
  it('carries point values MVT cannot hold as integers as doubles, and leaves out what a tile cannot carry', async () => {
    const { app, db } = createTestApp();
    const room = (name: string, households: string, more = '') =>
      storeRaw(db, 'garbage-rooms', [[ROOM.lon, ROOM.lat]], `{"name":${name},"name_en":"x","status":"open","households_served":${households}${more}}`);
    const ids = {
      e21: room('"e21"', '1e21'),
      twoTo64: room('"2^64"', '18446744073709551616'),
      negative: room('"neg"', '-1e21'),
      aboveSafe: room('"safe+"', '9007199254740994'),
      negativeZero: room('"-0"', '-0'),
      infinite: room('"inf"', '9e999'),
      nested: room('{"a":[1,{"b":2}]}', '[1,2,3]', ',"sorting":{"x":true}'),
      long: room(JSON.stringify('长'.repeat(5000)), '2'),
      // PostgreSQL's jsonb cannot hold a NUL character at all (SQLSTATE 22P05): that stored value exists on SQLite only
      ...(isPostgres(db) ? {} : { nul: room('"a\\u0000b"', '1', ',"sorting":false') }),
    };
    if (isPostgres(db)) expect(() => room('"a\\u0000b"', '1')).toThrow(expect.objectContaining({ code: '22P05' }));
    for (const z of [0, 14, 17, 22]) {
      const t = tileOf(ROOM.lon, ROOM.lat, z);
      const res = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
      expect(res.status, `z${z}`).toBe(200);
      const layer = decodeTile(res.body).layers['garbage-rooms']!;
      expect(featureById(layer, ids.e21).properties.households_served).toBe(1e21);
      expect(featureById(layer, ids.twoTo64).properties.households_served).toBe(18446744073709551616);
      expect(featureById(layer, ids.negative).properties.households_served).toBe(-1e21);
      expect(featureById(layer, ids.aboveSafe).properties.households_served).toBe(9007199254740994);
      expect(featureById(layer, ids.negativeZero).properties.households_served).toBe(0);
      expect(featureById(layer, ids.infinite).properties).not.toHaveProperty('households_served');
      expect(featureById(layer, ids.nested).properties).toEqual({ name_en: 'x', status: 'open' });
      if (ids.nul !== undefined) expect(featureById(layer, ids.nul).properties).toMatchObject({ name: 'a\u0000b', households_served: 1, sorting: false });
      expect(featureById(layer, ids.long).properties).not.toHaveProperty('name');
    }
  });

  it('leaves out line and polygon values vt-pbf cannot write, keeping the rest', async () => {
    const { app, db } = createTestApp();
    const alley = (length: string) => storeRaw(db, 'alleys', ALLEY, `{"name":"巷${length}","name_en":"a","length_m":${length}}`);
    const ids = { e21: alley('1e21'), twoTo64: alley('18446744073709551616'), negative: alley('-1e21'), fraction: alley('2.5'), infinite: alley('-9e999') };
    const polygon = storeRaw(db, 'district-boundary', [[120.155, 30.235], [120.165, 30.245]], '{"name":18446744073709551616}',
      JSON.stringify({ type: 'Polygon', coordinates: [[[120.155, 30.235], [120.165, 30.235], [120.165, 30.245], [120.155, 30.245], [120.155, 30.235]]] }));
    const bare = storeRaw(db, 'alleys', ALLEY, '5');
    for (const z of [12, 14, 16, 20]) {
      const t = tileOf(ALLEY[0]![0], ALLEY[0]![1], z);
      const res = await getTile(app, `/tiles/alleys,district-boundary/${t.z}/${t.x}/${t.y}.mvt`);
      expect(res.status, `z${z}`).toBe(200);
      const tile = decodeTile(res.body);
      const alleys = tile.layers.alleys!;
      expect(featureById(alleys, ids.e21).properties).toEqual({ name: '巷1e21', name_en: 'a' });
      expect(featureById(alleys, ids.twoTo64).properties).not.toHaveProperty('length_m');
      expect(featureById(alleys, ids.negative).properties).not.toHaveProperty('length_m');
      expect(featureById(alleys, ids.fraction).properties.length_m).toBe(2.5);
      expect(featureById(alleys, ids.infinite).properties).not.toHaveProperty('length_m');
      expect(featureById(alleys, bare).properties).toEqual({});
      expect(featureById(tile.layers['district-boundary']!, polygon).properties).toEqual({});
    }
  });
});

describe('tiles leave out stored geometries they cannot take', () => {
  it('serves the rest of a line layer and of a labelled polygon layer', async () => {
    const { app, db } = createTestApp();
    const layers = createLayerRepository(db);
    const boundary = layers.get('district-boundary')!;
    layers.upsert({ ...boundary, options: { ...boundary.options, labelProperty: 'name' } }, NOW);
    const good = storeRaw(db, 'alleys', ALLEY, '{"name":"好巷","name_en":"good"}');
    // PostGIS reads every stored geometry (features.geom): the ones it cannot read are refused by the database itself
    const unreadable = ['{"type":"LineString"}', '{"type":"LineString","coordinates":[[[[[[120.16]]]]]]}', '"LineString"'];
    const storable = isPostgres(db) ? (g: string) => !unreadable.includes(g) : () => true;
    const badGeometries = [
      '{"type":"LineString"}',
      '{"type":"LineString","coordinates":[]}',
      '{"type":"LineString","coordinates":[["a","b"],[120.16,30.24]]}',
      '{"type":"LineString","coordinates":[[[[[[120.16]]]]]]}',
      '{"type":"GeometryCollection","geometries":[]}',
      '"LineString"',
    ];
    for (const geometry of badGeometries.filter((g) => !storable(g))) expect(() => storeRaw(db, 'alleys', ALLEY, '{}', geometry)).toThrow();
    const broken = badGeometries.filter(storable).map((geometry) => storeRaw(db, 'alleys', ALLEY, '{"name":"坏巷","name_en":"bad"}', geometry));
    const emptyPolygon = storeRaw(db, 'district-boundary', [[120.155, 30.235], [120.165, 30.245]], '{"name":"空"}', '{"type":"Polygon","coordinates":[[]]}');
    const t = tileOf(ALLEY[0]![0], ALLEY[0]![1], 16);
    const res = await getTile(app, `/tiles/alleys,district-boundary/${t.z}/${t.x}/${t.y}.mvt`);
    expect(res.status).toBe(200);
    const tile = decodeTile(res.body);
    const ids = (layer: VectorTileLayer) => Array.from({ length: layer.length }, (_, i) => layer.feature(i).id);
    expect(ids(tile.layers.alleys!)).toContain(good);
    for (const id of broken) expect(ids(tile.layers.alleys!)).not.toContain(id);
    expect(ids(tile.layers['district-boundary']!)).not.toContain(emptyPolygon);
    expect(tile.layers['district-boundary']!.length).toBeGreaterThan(0);
  });
});

describe('tile errors stay with their request', () => {
  function appWithLogLines() {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
    const dataDir = writeFixtureDataDir();
    const db = openDatabase(':memory:');
    seedDatabase(db, dataDir);
    const app = createApp({ db, config: testConfig({ dataDir }), log: pino({ level: 'error' }, stream) });
    return { app, db, lines };
  }

  it('answers a failing tile with a JSON 500, logs it once and goes on serving', async () => {
    const { app, db, lines } = appWithLogLines();
    db.prepare(`UPDATE layers SET schema = '{"type":"object"}' WHERE id = 'district-boundary'`).run();
    const t = tileOf(120.16, 30.24, 14);
    const failed = await request(app).get(`/tiles/district-boundary/${t.z}/${t.x}/${t.y}.mvt`);
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: { code: 'internal_error', message: 'internal server error' } });
    expect(lines.filter((l) => l.includes('tile request failed'))).toHaveLength(1);

    const other = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    expect(other.status).toBe(200);
    expect(decodeTile(other.body).layers['garbage-rooms']!.length).toBeGreaterThan(0);
    expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await request(app).get(`/tiles/district-boundary/${t.z}/${t.x}/${t.y}.mvt`)).status).toBe(500);
    expect(lines.filter((l) => l.includes('tile request failed'))).toHaveLength(2);
  });
});

describe('tile errors stay with their request, TileJSON too', () => {
  it('answers a layer whose stored schema is broken with JSON 500s and keeps serving the others', async () => {
    const { app, db } = createTestApp();
    db.prepare(`UPDATE layers SET schema = '{"type":"object"}' WHERE id = 'alleys'`).run();
    const t = tileOf(ALLEY[0]![0], ALLEY[0]![1], 14);
    const tile = await request(app).get(`/tiles/alleys/${t.z}/${t.x}/${t.y}.mvt`);
    expect(tile.status).toBe(500);
    expect(tile.body.error.code).toBe('internal_error');
    const tileJson = await request(app).get('/tiles/garbage-rooms,alleys.json');
    expect(tileJson.status).toBe(500);
    expect(tileJson.body.error.code).toBe('internal_error');
    expect((await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`)).status).toBe(200);
    expect((await request(app).get('/tiles/garbage-rooms.json')).status).toBe(200);
  });
});

describe('big tiles', () => {
  it('are gzipped after they are built, once, with the same bytes as the identity answer', async () => {
    const { app, db } = createTestApp();
    for (let i = 0; i < 1200; i += 1) {
      storeRaw(db, 'garbage-rooms', [[ROOM.lon + (i % 40) * 0.0001, ROOM.lat + Math.floor(i / 40) * 0.0001]],
        JSON.stringify({ name: `加压测试垃圾房第${i}号`, name_en: `Load test room number ${i}`, status: 'open', households_served: i }));
    }
    const t = tileOf(ROOM.lon, ROOM.lat, 14);
    const path = `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`;
    const [first, second] = await Promise.all([0, 1].map(() => getTile(app, path).set('Accept-Encoding', 'gzip')));
    const identity = await getTile(app, path);
    expect(identity.body.length).toBeGreaterThan(16 * 1024);
    for (const res of [first!, second!]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.etag).toBe(identity.headers.etag);
      expect(Buffer.compare(res.body, identity.body)).toBe(0);
    }
    expect(decodeTile(identity.body).layers['garbage-rooms']!.length).toBeGreaterThan(1200);
  });
});

describe('work per tile', () => {
  it('shares one raw-point budget among the point layers of a tile: past it the other layers are aggregated', async () => {
    const { app, db } = createTestApp();
    const layers = createLayerRepository(db);
    const base = layers.get('garbage-rooms')!;
    layers.upsert({ ...base, id: 'dense-a', sortOrder: 8 }, NOW);
    layers.upsert({ ...base, id: 'dense-b', sortOrder: 9 }, NOW);
    const features = createFeatureRepository(db);
    for (const id of ['dense-a', 'dense-b']) {
      db.transaction(() => features.insertMany(Array.from({ length: 9000 }, (_, i) => {
        const [lon, lat] = [ROOM.lon - 0.002 + (i % 100) * 0.00004, ROOM.lat - 0.002 + Math.floor(i / 100) * 0.00004];
        return { layerId: id, geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), properties: `{"name":"p${i}","name_en":"p","status":"open"}`,
          bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: null, datetimeEnd: null };
      }), NOW))();
    }
    const t = tileOf(ROOM.lon, ROOM.lat, 14);
    const one = decodeTile((await getTile(app, `/tiles/dense-b/${t.z}/${t.x}/${t.y}.mvt`)).body).layers['dense-b']!;
    expect(one.length).toBe(9000);
    const both = decodeTile((await getTile(app, `/tiles/dense-a,dense-b/${t.z}/${t.x}/${t.y}.mvt`)).body);
    expect(both.layers['dense-a']!.length).toBe(9000);
    expect(both.layers['dense-a']!.feature(0).properties).not.toHaveProperty('cluster');
    const cells = both.layers['dense-b']!;
    expect(cells.length).toBeLessThan(9000);
    let counted = 0;
    for (let i = 0; i < cells.length; i += 1) {
      const p = cells.feature(i).properties;
      expect(p.cluster).toBe(true);
      counted += Number(p.point_count);
    }
    expect(counted).toBe(9000);
  });
});

describe('layer lists of tile and TileJSON URLs', () => {
  const t = tileOf(ROOM.lon, ROOM.lat, 14);

  it('serves a repeated layer once: the same tile as the single layer', async () => {
    const { app } = createTestApp();
    const single = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    const repeated = await getTile(app, `/tiles/${Array(70).fill('garbage-rooms').join(',')}/${t.z}/${t.x}/${t.y}.mvt`);
    expect(repeated.status).toBe(200);
    expect(repeated.headers.etag).toBe(single.headers.etag);
    expect(Buffer.compare(repeated.body, single.body)).toBe(0);
    expect(Object.keys(decodeTile(repeated.body).layers)).toEqual(['garbage-rooms']);
  });

  it('lists a repeated layer once in TileJSON, in first order', async () => {
    const { app } = createTestApp();
    const res = await request(app).get('/tiles/alleys,garbage-rooms,alleys,garbage-rooms.json');
    expect(res.status).toBe(200);
    expect(res.body.vector_layers.map((l: { id: string }) => l.id)).toEqual(['alleys', 'garbage-rooms']);
    expect(res.body.tiles[0]).toMatch(/\/tiles\/alleys,garbage-rooms\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=\d+,\d+$/);
  });

  it.each([
    ['tile', (list: string) => `/tiles/${list}/${t.z}/${t.x}/${t.y}.mvt`],
    ['TileJSON', (list: string) => `/tiles/${list}.json`],
  ])('refuses a %s URL naming 2,500 layers or 33 distinct ones with a 400 naming the cap', async (_kind, url) => {
    const { app } = createTestApp();
    const long = await request(app).get(url(Array(2500).fill('cases').join(',')));
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/longer than 1024 characters.*at most 32 layers/);
    const tooMany = Array.from({ length: 33 }, (_, i) => `layer-${i}`).join(',');
    const many = await request(app).get(url(tooMany));
    expect(many.status).toBe(400);
    expect(many.body.error).toMatchObject({ code: 'bad_request', message: 'a request names at most 32 distinct layers; this one names 33' });
    const most = Array.from({ length: 32 }, (_, i) => `layer-${i}`).join(',');
    expect((await request(app).get(url(most))).status).toBe(404);
  });
});
