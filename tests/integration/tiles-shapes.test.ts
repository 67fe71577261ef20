import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';

// Polygon tiles of many small buildings: each building once, with its own tags (the shape index shares
// one tags object between buildings whose tags are equal), at every zoom down to z18; and the same
// tile whether asked for gzipped or not.

const NOW = '2011-12-31T00:00:00.000Z';
const USES = ['住宅', '商业', '办公'];

type App = ReturnType<typeof createTestApp>['app'];

function getTile(app: App, path: string, headers: Record<string, string> = {}) {
  const req = request(app).get(path).buffer(true).parse(binaryParser as never);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req;
}

/** A layer "blocks" of `count` square buildings about 6 m wide on a grid from (lon0, lat0) east and north, `step` degrees apart. */
function addBuildings(db: ReturnType<typeof createTestApp>['db'], count: number, lon0: number, lat0: number, step: number, nameOf = (i: number) => `楼${i}`): Map<number, { name: string; floors: number; use: string; lon: number; lat: number }> {
  const layers = createLayerRepository(db);
  const base = layers.get('district-boundary')!;
  layers.upsert({
    ...base, id: 'blocks', sortOrder: 9,
    schema: {
      type: 'object', required: ['name'], additionalProperties: false,
      properties: { name: { type: 'string', title: '名称' }, floors: { type: 'integer', title: '层数' }, use: { type: 'string', title: '用途' } },
    },
  }, NOW);
  const features = createFeatureRepository(db);
  const d = 0.00003;
  const side = Math.ceil(Math.sqrt(count));
  const made = Array.from({ length: count }, (_, i) => {
    const lon = lon0 + (i % side) * step;
    const lat = lat0 + Math.floor(i / side) * step;
    return { name: nameOf(i), floors: 1 + (i % 6), use: USES[i % 3]!, lon, lat };
  });
  const ids = db.transaction(() => features.insertMany(made.map((b) => ({
    layerId: 'blocks',
    geometry: JSON.stringify({ type: 'Polygon', coordinates: [[[b.lon - d, b.lat - d], [b.lon + d, b.lat - d], [b.lon + d, b.lat + d], [b.lon - d, b.lat + d], [b.lon - d, b.lat - d]]] }),
    properties: JSON.stringify({ name: b.name, floors: b.floors, use: b.use }),
    bbox: [b.lon - d, b.lat - d, b.lon + d, b.lat + d] as [number, number, number, number], datetimeStart: null, datetimeEnd: null,
  })), NOW))();
  return new Map(made.map((b, i) => [Number(ids[i]), b]));
}

/** The buildings of a tile body: id → properties, each id once. */
function buildingsIn(body: Buffer): Map<number, Record<string, unknown>> {
  const layer = decodeTile(body).layers.blocks!;
  const out = new Map<number, Record<string, unknown>>();
  for (let i = 0; i < layer.length; i += 1) {
    const f = layer.feature(i);
    expect(out.has(Number(f.id)), `building ${f.id} twice`).toBe(false);
    expect(f.type).toBe(3);
    out.set(Number(f.id), f.properties);
  }
  return out;
}

describe('polygon tiles of small buildings', () => {
  it('carry each building once with its own tags at every zoom from 13 to 18', async () => {
    const { app, db } = createTestApp();
    // 400 buildings 10 m apart, inside one z13 tile: the z18 tile holds a few dozen, the z13 tile all of them
    // (at z12 a 6 m building is under the simplification's tolerance and left out); 150 distinct sets of tags
    const buildings = addBuildings(db, 400, 120.1601, 30.2401, 0.0001, (i) => `楼${i % 50}`);
    for (const z of [18, 13, 14, 15, 16, 17, 18]) {
      const t = tileOf(120.1602, 30.2402, z);
      const res = await getTile(app, `/tiles/blocks/${z}/${t.x}/${t.y}.mvt`);
      expect(res.status, `z${z}`).toBe(200);
      const inTile = buildingsIn(res.body);
      if (z === 13) expect(inTile.size).toBe(400);
      if (z === 18) expect(inTile.size).toBeGreaterThan(10);
      for (const [id, properties] of inTile) {
        const b = buildings.get(id)!;
        expect(properties).toEqual({ name: b.name, floors: b.floors, use: b.use });
        const here = tileOf(b.lon, b.lat, z);
        // a building is in its own tile, or in a neighbour's buffer (64 of 4096 units)
        expect(Math.abs(here.x - t.x) + Math.abs(here.y - t.y)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('keep their own tags in a tile of more buildings with distinct tags than the encoder remembers (4,096)', async () => {
    const { app, db } = createTestApp();
    const t = tileOf(120.155, 30.238, 14);
    // the grid (68 × 68 buildings, 0.0034° a side) starts 0.002° inside the tile's south-west corner
    const west = (t.x / 2 ** 14) * 360 - 180;
    const south = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (t.y + 1)) / 2 ** 14))) * 180) / Math.PI;
    const buildings = addBuildings(db, 4500, west + 0.002, south + 0.002, 0.00005);
    const inTile = buildingsIn((await getTile(app, `/tiles/blocks/14/${t.x}/${t.y}.mvt`)).body);
    expect(inTile.size).toBe(4500);
    for (const [id, properties] of inTile) {
      const b = buildings.get(id)!;
      expect(properties).toEqual({ name: b.name, floors: b.floors, use: b.use });
    }
  });

  it('are the same bytes whether asked for gzip or not, whichever comes first', async () => {
    const { app, db } = createTestApp();
    addBuildings(db, 400, 120.1601, 30.2401, 0.0001);
    // small tiles (1–2 KB) and bigger ones (all 400 buildings): either encoding first
    for (const [z, first] of [[18, 'identity'], [17, 'gzip'], [14, 'identity'], [13, 'gzip']] as const) {
      const t = tileOf(120.1602, 30.2402, z);
      const path = `/tiles/blocks/${z}/${t.x}/${t.y}.mvt`;
      const ask = (encoding: string) => getTile(app, path, { 'Accept-Encoding': encoding });
      const a = await ask(first);
      const b = await ask(first === 'gzip' ? 'identity' : 'gzip');
      const [gz, plain] = first === 'gzip' ? [a, b] : [b, a];
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      // supertest hands over the gzipped body inflated
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
      expect(Number(gz.headers['content-length'])).toBeLessThan(plain.body.length);
      expect(gz.body.equals(plain.body)).toBe(true);
      expect(gz.headers.etag).toBe(plain.headers.etag);
      expect(buildingsIn(plain.body).size).toBeGreaterThan(0);
    }
  });
});
