import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createTestApp } from '../helpers/app';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

type TestApp = ReturnType<typeof createTestApp>;
const MVT = 'application/vnd.mapbox-vector-tile';
const TILESETS_VECTOR = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector';
const TILES_CLASSES = ['core', 'tileset', 'tilesets-list', 'dataset-tilesets', 'geodata-tilesets', 'mvt']
  .map((c) => `http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/${c}`);

function getTile(app: TestApp['app'], path: string, headers: Record<string, string> = {}) {
  const req = request(app).get(path).buffer(true).parse(binaryParser as never);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req;
}

let s: TestApp;
let room: { id: number; geometry: { coordinates: [number, number] } };
beforeAll(async () => {
  s = createTestApp();
  const row = s.db.prepare("SELECT id, geometry FROM features WHERE layer_id = 'garbage-rooms' ORDER BY id LIMIT 1").get() as { id: number; geometry: string };
  room = { id: row.id, geometry: JSON.parse(row.geometry) };
});

describe('OGC API – Tiles documents', () => {
  it('declares the Tiles conformance classes', async () => {
    const { body } = await request(s.app).get('/ogc/conformance');
    expect(body.conformsTo).toEqual(expect.arrayContaining(TILES_CLASSES));
  });

  it('links the dataset tilesets, the tile matrix sets and the styles from the landing page', async () => {
    const { body } = await request(s.app).get('/ogc');
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, new URL(l.href).pathname]));
    expect(rels[TILESETS_VECTOR]).toBe('/ogc/tiles');
    expect(rels['http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes']).toBe('/ogc/tileMatrixSets');
    expect(rels['http://www.opengis.net/def/rel/ogc/1.0/styles']).toBe('/ogc/styles');
  });

  it('serves WebMercatorQuad as the standard defines it (EPSG:3857, 256-pixel tiles, top-left origin)', async () => {
    const list = await request(s.app).get('/ogc/tileMatrixSets');
    expect(list.body.tileMatrixSets.map((t: { id: string }) => t.id)).toEqual(['WebMercatorQuad']);
    const { body: tms } = await request(s.app).get('/ogc/tileMatrixSets/WebMercatorQuad');
    expect(tms).toMatchObject({ id: 'WebMercatorQuad', uri: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad', crs: 'http://www.opengis.net/def/crs/EPSG/0/3857' });
    const z0 = tms.tileMatrices[0];
    expect(z0).toMatchObject({ id: '0', matrixWidth: 1, matrixHeight: 1, tileWidth: 256, tileHeight: 256, cornerOfOrigin: 'topLeft' });
    expect(z0.scaleDenominator).toBeCloseTo(559082264.0287178, 3);
    expect(z0.pointOfOrigin[0]).toBeCloseTo(-20037508.3427892, 6);
    expect(tms.tileMatrices[17]).toMatchObject({ id: '17', matrixWidth: 131072 });
    expect(tms.tileMatrices[17].cellSize).toBeCloseTo(1.194328566955879, 9);
    expect((await request(s.app).get('/ogc/tileMatrixSets/WorldCRS84Quad')).status).toBe(404);
  });

  it('lists a collection\'s tileset, linked from the collection, with a URL template of tileRow before tileCol', async () => {
    const { body: collection } = await request(s.app).get('/ogc/collections/garbage-rooms');
    const link = collection.links.find((l: { rel: string }) => l.rel === TILESETS_VECTOR);
    expect(new URL(link.href).pathname).toBe('/ogc/collections/garbage-rooms/tiles');
    const { body: list } = await request(s.app).get('/ogc/collections/garbage-rooms/tiles');
    expect(list.tilesets).toHaveLength(1);
    expect(list.tilesets[0]).toMatchObject({ dataType: 'vector', tileMatrixSetURI: 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad' });
    const self = list.tilesets[0].links.find((l: { rel: string }) => l.rel === 'self');
    const { body: tileset } = await request(s.app).get(new URL(self.href).pathname);
    const item = tileset.links.find((l: { rel: string }) => l.rel === 'item');
    expect(item).toMatchObject({ type: MVT, templated: true });
    expect(new URL(item.href.replace(/[{}]/g, '')).pathname).toBe('/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/tileMatrix/tileRow/tileCol');
    expect(tileset.layers).toEqual([expect.objectContaining({ id: 'garbage-rooms', geometryDimension: 0 })]);
    expect(tileset.links.find((l: { rel: string }) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme').href).toMatch(/\/ogc\/tileMatrixSets\/WebMercatorQuad$/);
    expect((await request(s.app).get('/ogc/collections/nope/tiles')).status).toBe(404);
    expect((await request(s.app).get('/ogc/collections/garbage-rooms/tiles/WorldCRS84Quad')).status).toBe(404);
  });

  it('describes the dataset tileset with every collection as a layer', async () => {
    const { body: collections } = await request(s.app).get('/ogc/collections');
    const { body: tileset } = await request(s.app).get('/ogc/tiles/WebMercatorQuad');
    expect(tileset.layers.map((l: { id: string }) => l.id).sort()).toEqual(collections.collections.map((c: { id: string }) => c.id).sort());
  });

  it('lists the two MapLibre styles at /ogc/styles, linking style JSON that is served', async () => {
    const { body } = await request(s.app).get('/ogc/styles');
    expect(body.styles.map((st: { id: string }) => st.id)).toEqual(['console', 'overview']);
    const sheet = body.styles[1].links.find((l: { rel: string; type: string; href: string }) => l.rel === 'stylesheet' && !l.href.includes('lang='));
    expect(sheet.type).toBe('application/vnd.mapbox.style+json');
    const style = await request(s.app).get(new URL(sheet.href).pathname);
    expect(style.status).toBe(200);
    expect(style.body.version).toBe(8);
  });
});

describe('OGC API – Tiles tiles', () => {
  it('serves the same bytes and ETag as /tiles at {z}/{y}/{x} (row before column)', async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 16);
    const classic = await getTile(s.app, `/tiles/garbage-rooms/${t.z}/${t.x}/${t.y}.mvt`);
    const ogc = await getTile(s.app, `/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`);
    expect(ogc.status).toBe(200);
    expect(ogc.headers['content-type']).toBe(MVT);
    expect(ogc.headers.etag).toBe(classic.headers.etag);
    expect(ogc.body.equals(classic.body)).toBe(true);
    const layer = decodeTile(ogc.body).layers['garbage-rooms']!;
    expect([...Array(layer.length).keys()].map((i) => layer.feature(i).id)).toContain(room.id);
    const swapped = await getTile(s.app, `/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.x}/${t.y}`);
    expect(swapped.status).toBe(204);
  });

  it('answers 304 on a matching If-None-Match, 204 for an empty tile, 404 outside the matrix or for an unknown collection', async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 15);
    const path = `/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`;
    const first = await getTile(s.app, path);
    expect((await getTile(s.app, path, { 'If-None-Match': first.headers.etag! })).status).toBe(304);
    expect((await getTile(s.app, '/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/15/0/0')).status).toBe(204);
    expect((await getTile(s.app, '/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/2/4/0')).status).toBe(404);
    expect((await getTile(s.app, '/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/23/0/0')).status).toBe(404);
    expect((await getTile(s.app, '/ogc/collections/nope/tiles/WebMercatorQuad/15/0/0')).status).toBe(404);
    expect((await getTile(s.app, '/ogc/collections/a,b/tiles/WebMercatorQuad/15/0/0')).status).toBe(404);
    expect((await getTile(s.app, '/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/x/0/0')).status).toBe(404);
  });

  it('serves dataset tiles with one MVT layer per collection present in the tile', async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 14);
    const res = await getTile(s.app, `/ogc/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`);
    expect(res.status).toBe(200);
    expect(Object.keys(decodeTile(res.body).layers)).toEqual(expect.arrayContaining(['garbage-rooms', 'district-boundary']));
  });

  it('gzips when asked, like /tiles', async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 16);
    const res = await getTile(s.app, `/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`, { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('Range on tiles', () => {
  let path: string;
  let whole: Buffer;
  let etag: string;
  beforeAll(async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 14);
    path = `/tiles/garbage-rooms,district-boundary/${t.z}/${t.x}/${t.y}.mvt`;
    const res = await getTile(s.app, path);
    whole = res.body;
    etag = res.headers.etag!;
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(whole.length).toBeGreaterThan(100);
  });

  it('answers a single range with 206, Content-Range and those bytes', async () => {
    const res = await getTile(s.app, path, { Range: 'bytes=10-49' });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 10-49/${whole.length}`);
    expect(res.headers['content-length']).toBe('40');
    expect(res.body.equals(whole.subarray(10, 50))).toBe(true);
  });

  it('answers open and suffix ranges, clamped to the end', async () => {
    const open = await getTile(s.app, path, { Range: `bytes=${whole.length - 5}-` });
    expect(open.status).toBe(206);
    expect(open.body.equals(whole.subarray(whole.length - 5))).toBe(true);
    const suffix = await getTile(s.app, path, { Range: 'bytes=-7' });
    expect(suffix.body.equals(whole.subarray(whole.length - 7))).toBe(true);
    const past = await getTile(s.app, path, { Range: 'bytes=0-99999999' });
    expect(past.status).toBe(206);
    expect(past.headers['content-range']).toBe(`bytes 0-${whole.length - 1}/${whole.length}`);
  });

  it('ranges the identity bytes even when gzip is accepted: a ranged answer is never gzipped', async () => {
    const res = await getTile(s.app, path, { Range: 'bytes=0-15', 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(206);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(whole.subarray(0, 16))).toBe(true);
    expect(gzipSync(whole).subarray(0, 2).equals(res.body.subarray(0, 2))).toBe(false);
  });

  it('answers 416 with the length for a range past the end', async () => {
    const res = await getTile(s.app, path, { Range: `bytes=${whole.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${whole.length}`);
  });

  it('sends the whole tile for several ranges, a stale If-Range, or a malformed Range', async () => {
    const cases: Record<string, string>[] = [{ Range: 'bytes=0-1,4-5' }, { Range: 'bytes=0-1', 'If-Range': '"stale"' }, { Range: 'lines=1-2' }];
    for (const headers of cases) {
      const res = await getTile(s.app, path, headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.body.equals(whole)).toBe(true);
    }
    expect((await getTile(s.app, path, { Range: 'bytes=0-1', 'If-Range': etag })).status).toBe(206);
  });

  it('ranges the OGC tile URLs too', async () => {
    const t = tileOf(room.geometry.coordinates[0], room.geometry.coordinates[1], 16);
    const res = await getTile(s.app, `/ogc/collections/garbage-rooms/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}`, { Range: 'bytes=0-3' });
    expect(res.status).toBe(206);
    expect(res.body.length).toBe(4);
  });
});
