import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';

const NOW = '2011-12-31T00:00:00.000Z';

function getTile(app: Parameters<typeof request>[0], path: string, headers: Record<string, string> = {}) {
  const req = request(app).get(path).buffer(true).parse(binaryParser as never);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req;
}

function addPoints(db: ReturnType<typeof createTestApp>['db'], layerId: string, points: [number, number][], props: (i: number) => Record<string, unknown>) {
  const features = createFeatureRepository(db);
  db.transaction(() => {
    features.insertMany(points.map(([lon, lat], i) => ({
      layerId, geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), properties: JSON.stringify(props(i)),
      bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: null, datetimeEnd: null,
    })), NOW);
  })();
}

describe('vector tiles', () => {
  it('puts a known point at the right tile with its id and properties', async () => {
    const { app } = createTestApp();
    const { body: items } = await request(app).get('/ogc/collections/garbage-rooms/items?limit=1');
    const room = items.features[0];
    const [lon, lat] = room.geometry.coordinates;
    const t = tileOf(lon, lat, 17);
    const res = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const layer = decodeTile(res.body).layers['garbage-rooms']!;
    expect(layer.extent).toBe(4096);
    expect(layer.version).toBe(2);
    const feature = [...Array(layer.length).keys()].map((i) => layer.feature(i)).find((f) => f.id === room.id)!;
    expect(feature.properties).toMatchObject({ name: '垃圾房1', status: 'open', households_served: 100 });
    const geo = feature.toGeoJSON(t.x, t.y, t.z).geometry as { coordinates: number[] };
    expect(geo.coordinates[0]).toBeCloseTo(lon, 5);
    expect(geo.coordinates[1]).toBeCloseTo(lat, 5);
  });

  it('serves several layers in one tile, polygons and lines through geojson-vt', async () => {
    const { app } = createTestApp();
    const t = tileOf(120.16, 30.24, 14);
    const res = await getTile(app, `/tiles/district-boundary,alleys,garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    const tile = decodeTile(res.body);
    expect(Object.keys(tile.layers).sort()).toEqual(['alleys', 'district-boundary', 'garbage-rooms']);
    expect(tile.layers['district-boundary']!.feature(0).type).toBe(3);
    expect(tile.layers.alleys!.feature(0).type).toBe(2);
    const alley = tile.layers.alleys!.feature(0).properties;
    expect(alley.name).toBe('羊坝头');
    expect(alley).not.toHaveProperty('before_desc');
  });

  it('gzips for clients that accept it', async () => {
    const { app } = createTestApp();
    const t = tileOf(120.16, 30.24, 12);
    const res = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`, { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(decodeTile(res.body).layers['garbage-rooms']!.length).toBe(12);
  });

  it('answers 204 for an empty tile and 304 for a matching ETag', async () => {
    const { app } = createTestApp();
    expect((await getTile(app, '/tiles/garbage-rooms/16/0/0.mvt')).status).toBe(204);
    const t = tileOf(120.16, 30.24, 14);
    const first = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`, { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
  });

  it.each([
    ['/tiles/garbage-rooms/23/0/0.mvt', 400, /out of range/],
    ['/tiles/garbage-rooms/2/4/0.mvt', 400, /out of range/],
    ['/tiles/garbage-rooms/a/b/c.mvt', 400, /integer z, x, y/],
    ['/tiles/garbage-rooms/1/0/0/0.mvt', 400, /tile URL is/],
    ['/tiles/..%2f..%2fetc/1/0/0.mvt', 400, /tile URL is/],
    ['/tiles/nope/1/0/0.mvt', 404, /layer "nope" does not exist/],
    ['/tiles/garbage-rooms,nope/1/0/0.mvt', 404, /layer "nope"/],
    ['/tiles/nope.json', 404, /layer "nope"/],
  ])('rejects %s', async (path, status, pattern) => {
    const { app } = createTestApp();
    const res = await request(app).get(path);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(pattern);
  });

  it('shows a write in the very next tile and in TileJSON', async () => {
    const { app, db } = createTestApp();
    const t = tileOf(120.165, 30.245, 15);
    const before = decodeTile((await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`)).body).layers['garbage-rooms']?.length ?? 0;
    const tj1 = (await request(app).get('/tiles/garbage-rooms.json')).body;
    addPoints(db, 'garbage-rooms', [[120.165, 30.245]], () => ({ name: '新垃圾房', name_en: 'New', status: 'open' }));
    const after = decodeTile((await getTile(app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`)).body).layers['garbage-rooms']!.length;
    expect(after).toBe(before + 1);
    const tj2 = (await request(app).get('/tiles/garbage-rooms.json')).body;
    expect(tj2.tiles[0]).not.toBe(tj1.tiles[0]);
  });

  it('serves TileJSON 3.0 with fields, bounds and a versioned tile URL', async () => {
    const { app } = createTestApp();
    const res = await request(app).get('/tiles/garbage-rooms,alleys.json');
    expect(res.status).toBe(200);
    const tj = res.body;
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles[0]).toMatch(/\/tiles\/garbage-rooms,alleys\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=\d+,\d+$/);
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['garbage-rooms', 'alleys']);
    expect(tj.vector_layers[1].fields).not.toHaveProperty('before_desc');
    expect(tj.vector_layers[0].fields).toMatchObject({ name: 'String', households_served: 'Number', sorting: 'Boolean', point_count: 'Number' });
    expect(tj.bounds[0]).toBeLessThan(tj.bounds[2]);
    expect(tj.minzoom).toBe(0);
    expect(tj.maxzoom).toBe(17);
    expect(tj.attribution.length).toBeLessThan(120);
    expect(tj.description).toMatch(/point_count/);
    const immutable = await getTile(app, new URL(tj.tiles[0].replace('{z}/{x}/{y}', '14/13654/6765')).pathname + '?' + new URL(tj.tiles[0]).search.slice(1));
    expect(immutable.headers['cache-control']).toMatch(/immutable/);
  });

  it('keeps a dense layer within the size limits by aggregating', async () => {
    const { app, db } = createTestApp();
    const layers = createLayerRepository(db);
    const base = layers.get('garbage-rooms')!;
    layers.upsert({ ...base, id: 'dense', sortOrder: 9 }, NOW);
    const pts: [number, number][] = [];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60_000; i += 1) pts.push([120.151 + rand() * 0.018, 30.235 + rand() * 0.013]);
    addPoints(db, 'dense', pts, (i) => ({ name: `点${i}`, name_en: `P${i}`, status: 'open' }));
    for (const z of [12, 14, 15, 16]) {
      const t = tileOf(120.16, 30.241, z);
      const res = await getTile(app, `/tiles/dense/${t.z}/${t.x}/${t.y}.mvt`);
      expect(res.body.length, `z${z} bytes`).toBeLessThanOrEqual(500 * 1024);
      const layer = decodeTile(res.body).layers.dense!;
      expect(layer.length, `z${z} features`).toBeLessThanOrEqual(50_000);
      const counted = [...Array(layer.length).keys()].reduce((s, i) => s + Number(layer.feature(i).properties.point_count ?? 1), 0);
      if (z === 12) expect(counted).toBe(60_000);
      if (z <= 14) expect(layer.feature(0).properties.cluster).toBe(true);
    }
  });
});
