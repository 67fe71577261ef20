import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';
import { createFeatureRepository, createLayerRepository, type NewFeature } from '../../server/src/features/layers';
import { SHAPE_ROWS_PAGE } from '../../server/src/tiles/shape-tiles';
import { terminateShapeWorker } from '../../server/src/tiles/shape-worker-client';

// Line and polygon layers are indexed and encoded in a worker thread: while the first tile of a big polygon
// layer is being built, the server answers other requests; a write shows in the next tile; and a worker that
// dies fails the tiles waiting on it with a JSON error, never a crash or a hang, and the next tile works.

const NOW = '2011-12-31T00:00:00.000Z';
const LON = 120.1601;
const LAT = 30.2401;

type TestApp = ReturnType<typeof createTestApp>;

function building(i: number, side: number, name: string): NewFeature {
  const d = 0.00003;
  const lon = LON + (i % side) * 0.0001;
  const lat = LAT + Math.floor(i / side) * 0.0001;
  return {
    layerId: 'blocks',
    geometry: JSON.stringify({ type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] }),
    properties: JSON.stringify({ name }),
    bbox: [lon - d, lat - d, lon + d, lat + d], datetimeStart: null, datetimeEnd: null,
  };
}

/** A polygon layer "blocks" of `count` small square buildings 10 m apart, north-east of (LON, LAT); returns their ids. */
function addBuildings({ db }: TestApp, count: number): number[] {
  const layers = createLayerRepository(db);
  layers.upsert({
    ...layers.get('district-boundary')!, id: 'blocks', sortOrder: 9,
    schema: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', title: '名称' } } },
  }, NOW);
  const features = createFeatureRepository(db);
  const side = Math.ceil(Math.sqrt(count));
  return db.transaction(() => features.insertMany(Array.from({ length: count }, (_, i) => building(i, side, `楼${i}`)), NOW))().map(Number);
}

const Z16 = tileOf(LON + 0.0002, LAT + 0.0002, 16);
const blocksTile = `/tiles/blocks/${Z16.z}/${Z16.x}/${Z16.y}.mvt`;

/** The names of the buildings in a tile body, by id. */
function namesIn(body: Buffer): Map<number, unknown> {
  const layer = decodeTile(body).layers.blocks!;
  return new Map(Array.from({ length: layer.length }, (_, i) => [Number(layer.feature(i).id), layer.feature(i).properties.name]));
}

interface Answer { path: string; status: number; body: Buffer }

/** The app on a real server, and a way to send a request and to act as soon as the server received one. */
async function serve({ app }: TestApp) {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string) => new Promise<Answer>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ path, status: res.statusCode!, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  /** Runs `then` in the server's own 'request' event for `path`, after the app's listener returned. */
  const onReceived = (path: string, then: () => void) => server.on('request', (req: http.IncomingMessage) => {
    if (req.url === path) then();
  });
  return { server, get, onReceived };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('shape tiles in the worker thread', () => {
  it('answers other requests while the first tile of a big polygon layer is being built', async () => {
    const t = createTestApp();
    addBuildings(t, 6000);
    const { server, get, onReceived } = await serve(t);
    servers.push(server);
    const order: string[] = [];
    const record = (a: Answer) => {
      order.push(a.path);
      return a;
    };
    let health: Promise<Answer> | undefined;
    // the health check is sent only once the app has taken the tile request (its listener returned)
    onReceived(blocksTile, () => {
      health = get('/api/health').then(record);
    });
    const tile = await get(blocksTile).then(record);
    const healthAnswer = await health!;
    expect(order).toEqual(['/api/health', blocksTile]);
    expect(healthAnswer.status).toBe(200);
    expect(tile.status).toBe(200);
    expect(namesIn(tile.body).size).toBeGreaterThan(100);
  });

  it('shows a polygon write in the very next tile', async () => {
    const t = createTestApp();
    const [first, second] = addBuildings(t, 400);
    const tileOfApp = async () => (await request(t.app).get(blocksTile).buffer(true).parse(binaryParser as never)).body as Buffer;
    const before = namesIn(await tileOfApp());
    expect(before.get(first!)).toBe('楼0');
    const features = createFeatureRepository(t.db);
    t.db.transaction(() => {
      features.update(first!, building(0, 20, '新楼'), NOW);
      features.remove('blocks', second!);
    })();
    const after = namesIn(await tileOfApp());
    expect(after.get(first!)).toBe('新楼');
    expect(after.has(second!)).toBe(false);
    expect(after.size).toBe(before.size - 1);
  });

  it('shows a write made while the layer\'s rows are read in pages: the tile is of the version after it', async () => {
    const t = createTestApp();
    const ids = addBuildings(t, SHAPE_ROWS_PAGE + 100);
    const { server, get, onReceived } = await serve(t);
    servers.push(server);
    const features = createFeatureRepository(t.db);
    const side = Math.ceil(Math.sqrt(SHAPE_ROWS_PAGE + 100));
    // the first page is read while the app takes the request; the write comes before the next page
    onReceived(blocksTile, () => {
      features.update(ids[0]!, building(0, side, '新楼'), NOW);
    });
    const tile = await get(blocksTile);
    expect(tile.status).toBe(200);
    expect(namesIn(tile.body).get(ids[0]!)).toBe('新楼');
  });

  it('fails the tiles waiting on a worker that died with a JSON 503, and serves the next tile from a fresh worker', async () => {
    const t = createTestApp();
    addBuildings(t, 2000);
    const { server, get, onReceived } = await serve(t);
    servers.push(server);
    let killed: Promise<void> | undefined;
    onReceived(blocksTile, () => {
      killed ??= terminateShapeWorker();
    });
    const waiting = await get(blocksTile);
    await killed;
    expect(waiting.status).toBe(503);
    expect(JSON.parse(waiting.body.toString())).toMatchObject({ error: { code: 'tiles_unavailable' } });
    const next = await get(blocksTile);
    expect(next.status).toBe(200);
    expect(namesIn(next.body).size).toBeGreaterThan(100);
  });
});
