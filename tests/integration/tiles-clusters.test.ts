import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';
import { CASES_LAYER } from '../../server/src/features/cases';

const NOW = '2011-12-31T00:00:00.000Z';

type App = ReturnType<typeof createTestApp>;

function getTile(app: App['app'], path: string, headers: Record<string, string> = {}) {
  const req = request(app).get(path).buffer(true).parse(binaryParser as never);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req;
}

/** A point layer `spots` that clusters below zoom 15, with `points` in it. */
function clusteredLayer({ db }: App, points: [number, number][]) {
  const layers = createLayerRepository(db);
  const base = layers.get('garbage-rooms')!;
  layers.upsert({ ...base, id: 'spots', sortOrder: 9, style: { ...base.style, clusterBelowZoom: 15 } }, NOW);
  addPoints(db, points);
}

function addPoints(db: App['db'], points: [number, number][]) {
  const features = createFeatureRepository(db);
  db.transaction(() => {
    points.forEach(([lon, lat], i) => features.insert({
      layerId: 'spots', geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }),
      properties: JSON.stringify({ name: `点${i}`, name_en: `P${i}`, status: 'open' }),
      bbox: [lon, lat, lon, lat], datetimeStart: null, datetimeEnd: null,
    }, NOW));
  })();
}

/** Every feature of the layer in the tile as { x, y, count, id, props } (count 1 for a single point). */
async function features(app: App['app'], z: number, x: number, y: number) {
  const res = await getTile(app, `/tiles/spots/${z}/${x}/${y}.mvt`);
  if (res.status === 204) return [];
  const layer = decodeTile(res.body).layers.spots!;
  return [...Array(layer.length).keys()].map((i) => {
    const f = layer.feature(i);
    const [[p]] = f.loadGeometry() as unknown as [[{ x: number; y: number }]];
    return {
      x: p!.x, y: p!.y, count: Number(f.properties.point_count ?? 1), cluster: f.properties.cluster === true,
      member: f.properties.in_cluster === true, id: f.id, props: f.properties,
    };
  });
}

// 300 points spread over the demo district plus a tight group of 40 around one spot
const spread: [number, number][] = [];
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < 300; i += 1) spread.push([120.151 + rand() * 0.018, 30.235 + rand() * 0.013]);
for (let i = 0; i < 40; i += 1) spread.push([120.16 + rand() * 0.0003, 30.241 + rand() * 0.0003]);

describe('clustered point tiles', () => {
  it('carries clusters whose counts add up to every point below the layer\'s cluster zoom, single points from it on', async () => {
    const test = createTestApp();
    clusteredLayer(test, spread);
    // z12 and z14: every tile around the district, counting what lies inside each tile (not its buffer)
    for (const z of [12, 14]) {
      const nw = tileOf(120.151, 30.248, z);
      const se = tileOf(120.169, 30.235, z);
      let total = 0;
      let clusters = 0;
      let points = 0;
      let members = 0;
      let clustered = 0;
      for (let x = nw.x; x <= se.x; x += 1) {
        for (let y = nw.y; y <= se.y; y += 1) {
          for (const f of await features(test.app, z, x, y)) {
            if (f.x < 0 || f.y < 0 || f.x >= 4096 || f.y >= 4096) continue;
            if (f.cluster) {
              clusters += 1;
              clustered += f.count;
            } else points += 1;
            if (f.member) members += 1;
            // what the console draws: clusters and the points in no cluster
            else total += f.count;
          }
        }
      }
      expect(total, `z${z} points`).toBe(340);
      // every point is in the tiles as well (for heatmaps and filtered views), the clustered ones tagged
      expect(points, `z${z} raw points`).toBe(340);
      expect(members, `z${z} points in clusters`).toBe(clustered);
      expect(clusters, `z${z} clusters`).toBeGreaterThan(0);
      // z12: the district (1.7 × 1.4 km) spans at most 3 × 3 cells of 512 tile units
      if (z === 12) expect(clusters).toBeLessThanOrEqual(9);
    }
    // z16: raw points with their ids and properties, no cluster
    const t = tileOf(120.16015, 30.24115, 16);
    const raw = await features(test.app, 16, t.x, t.y);
    expect(raw.filter((f) => f.cluster)).toEqual([]);
    expect(raw.filter((f) => f.x >= 0 && f.x < 4096 && f.y >= 0 && f.y < 4096).length).toBeGreaterThanOrEqual(40);
    expect(raw[0]!.id).toBeGreaterThan(0);
    expect(raw[0]!.props).toMatchObject({ status: 'open' });
  });

  it('changes a clustered tile\'s ETag after a write in its cells and answers 304 while nothing changed', async () => {
    const test = createTestApp();
    clusteredLayer(test, spread);
    const t = tileOf(120.16, 30.241, 13);
    const path = `/tiles/spots/${t.z}/${t.x}/${t.y}.mvt`;
    const first = await getTile(test.app, path);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect((await getTile(test.app, path, { 'If-None-Match': etag })).status).toBe(304);
    const before = (await features(test.app, t.z, t.x, t.y)).filter((f) => !f.member).reduce((s, f) => s + f.count, 0);
    addPoints(test.db, [[120.1601, 30.2411]]);
    const second = await getTile(test.app, path, { 'If-None-Match': etag });
    expect(second.status).toBe(200);
    expect(second.headers.etag).not.toBe(etag);
    expect((await features(test.app, t.z, t.x, t.y)).filter((f) => !f.member).reduce((s, f) => s + f.count, 0)).toBe(before + 1);
  });

  it('is how the cases layer is drawn below zoom 16', () => {
    expect(CASES_LAYER.style).toMatchObject({ clusterBelowZoom: 16 });
  });
});
