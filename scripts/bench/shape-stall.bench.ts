import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { createFeatureRepository } from '../../server/src/features/layers';
import { createTileRepository } from '../../server/src/tiles/tile-repository';
import { writeFixtureDataDir } from '../../tests/helpers/fixture-data';
import { DISTRICT_BBOX, createSyntheticBuildings } from './synthetic';
import { machineLine, writeBenchSection } from './lib';

// The worst event-loop block while the first tile of a 10^5-building polygon layer is built, and the split ahead of
// requests that follows it, runs: once on a fresh layer and once after one write. A 2 ms interval timer measures the
// gaps on the server's event loop; curl asks for the tile from another process.

const COUNT = Number(process.env.BENCH_POLYGONS ?? 100_000);
const LAYER = 'bench-buildings-100k';
/** How long after the tile's answer the loop is still watched: the split ahead of requests runs then. */
const AFTER_MS = Number(process.env.BENCH_AFTER_MS ?? 15_000);
const ROUNDS = 3;

/** Gaps between ticks of a 2 ms timer: the worst while `work` runs, and the worst in the AFTER_MS that follow. */
async function watch<T>(work: () => Promise<T>): Promise<{ result: T; answerMs: number; worstMs: number; worstAfterMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 2);
  const start = performance.now();
  const result = await work();
  const answerMs = performance.now() - start;
  const worstMs = worst;
  worst = 0;
  await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
  clearInterval(timer);
  return { result, answerMs, worstMs, worstAfterMs: worst };
}

const db = openDatabase(':memory:');
const dataDir = writeFixtureDataDir();
seedDatabase(db, dataDir);
const loadS = createSyntheticBuildings(db, LAYER, COUNT);
const app = createApp({ db, config: testConfig({ dataDir, tileCacheMb: 0 }) });
const server = http.createServer(app).listen(0);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// the z16 tile at the district's centre: about a tenth of the buildings
const [w, s, e, n] = DISTRICT_BBOX;
const z = 16;
const lon = (w + e) / 2;
const lat = (s + n) / 2;
const x = Math.floor(((lon + 180) / 360) * 2 ** z);
const rad = (lat * Math.PI) / 180;
const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
const url = `${base}/tiles/${LAYER}/${z}/${x}/${y}.mvt`;

const run = promisify(execFile);
const getTile = async () => {
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', url]);
  return stdout;
};

// the main-thread part of a build: the layer's rows read in one statement
const repo = createTileRepository(db);
const readMs: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  const t0 = performance.now();
  repo.allFeatures(LAYER);
  readMs.push(performance.now() - t0);
}

const features = createFeatureRepository(db);
const first = features.query({ layerId: LAYER, limit: 1, offset: 0 }).rows[0]!;
const ring = (JSON.parse(first.geometry) as { coordinates: [number, number][][] }).coordinates[0]!;
const bbox: [number, number, number, number] = [ring[0]![0], ring[0]![1], ring[2]![0], ring[2]![1]];
const rows: string[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  if (round > 0) {
    // one write (as another process would make it): the layer's version moves and its index is rebuilt on the next tile
    db.transaction(() => features.update(first.id, { layerId: LAYER, geometry: first.geometry, properties: JSON.stringify({ floors: round, use: 'shop' }), bbox, datetimeStart: null, datetimeEnd: null }, new Date().toISOString()))();
  }
  const r = await watch(getTile);
  const what = round === 0 ? 'first tile of the layer' : `first tile after write ${round}`;
  console.log(`${what}: ${r.result}; answered in ${r.answerMs.toFixed(0)} ms, worst block ${r.worstMs.toFixed(0)} ms; in the ${AFTER_MS / 1000} s after, worst block ${r.worstAfterMs.toFixed(0)} ms`);
  rows.push(`| ${what} | ${r.answerMs.toFixed(0)} | **${r.worstMs.toFixed(0)}** | **${r.worstAfterMs.toFixed(0)}** |`);
}
const readLine = `Reading the layer's ${COUNT.toLocaleString('en')} rows on the event loop (\`allFeatures\`, one statement, inside the tile's read snapshot): ${readMs.map((m) => m.toFixed(0)).join(', ')} ms.`;
console.log(readLine);
server.close();

const file = writeBenchSection('shape-stall', [
  '## Event-loop blocks while a polygon layer\'s index is built (`npm run bench -- shape-stall`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `${COUNT.toLocaleString('en')} synthetic buildings (SQLite in memory, loaded in ${loadS.toFixed(1)} s), one z16 tile at the district's centre asked for by curl (another process); tile cache off. A 2 ms interval timer on the server's event loop: the worst gap while the tile is answered, and in the ${AFTER_MS / 1000} s after it (the split ahead of requests). Each write updates one building through a bare connection.`,
  '',
  '| request | answered in ms | worst block ms (until answered) | worst block ms (after) |',
  '|---|---|---|---|',
  ...rows,
  '',
  readLine,
].join('\n'));
console.log(`written to ${file}`);
