import { execFile } from 'node:child_process';
import fs from 'node:fs';
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

/** CPU time the main thread (its task id is the process id) has run, in ms (Linux schedstat, nanoseconds). */
const STAT = `/proc/self/task/${process.pid}/schedstat`;
const mainCpuMs = () => Number(fs.readFileSync(STAT, 'utf8').split(' ')[0]) / 1e6;

interface Blocks {
  /** Longest gap between ticks of the timer (wall clock: includes time the thread waited for a core). */
  wallMs: number;
  /** Most CPU time the main thread ran between two ticks: the block its own work made. */
  cpuMs: number;
}

/**
 * Gaps between ticks of a 2 ms timer while `work` runs and in the AFTER_MS that follow, in wall time and in the main
 * thread's CPU time (on a shared machine another process can hold the core; only the CPU time is the loop's own work).
 */
async function watch<T>(work: () => Promise<T>): Promise<{ result: T; answerMs: number; during: Blocks; after: Blocks }> {
  let last = performance.now();
  let lastCpu = mainCpuMs();
  let worst: Blocks = { wallMs: 0, cpuMs: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = mainCpuMs();
    worst = { wallMs: Math.max(worst.wallMs, now - last), cpuMs: Math.max(worst.cpuMs, cpu - lastCpu) };
    last = now;
    lastCpu = cpu;
  }, 2);
  const start = performance.now();
  const result = await work();
  const answerMs = performance.now() - start;
  const during = worst;
  worst = { wallMs: 0, cpuMs: 0 };
  await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
  clearInterval(timer);
  return { result, answerMs, during, after: worst };
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

// the main-thread part of a build: the layer's rows read in one statement, and (since the shape worker) one page of them
const repo = createTileRepository(db) as ReturnType<typeof createTileRepository> & { featurePage?: (id: string, after: number, limit: number) => unknown[] };
const timed = (read: () => unknown) => Array.from({ length: ROUNDS }, () => {
  const t0 = performance.now();
  read();
  return (performance.now() - t0).toFixed(0);
}).join(', ');
const readMs = timed(() => repo.allFeatures(LAYER));
const pageMs = repo.featurePage ? timed(() => repo.featurePage!(LAYER, COUNT / 2, 10_000)) : undefined;

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
  const f = (b: Blocks) => `${b.cpuMs.toFixed(0)} (${b.wallMs.toFixed(0)})`;
  console.log(`${what}: ${r.result}; answered in ${r.answerMs.toFixed(0)} ms; worst block CPU (wall) ms ${f(r.during)}; in the ${AFTER_MS / 1000} s after, ${f(r.after)}`);
  rows.push(`| ${what} | ${r.answerMs.toFixed(0)} | **${r.during.cpuMs.toFixed(0)}** (${r.during.wallMs.toFixed(0)}) | **${r.after.cpuMs.toFixed(0)}** (${r.after.wallMs.toFixed(0)}) |`);
}
const readLine = `Reading the layer's ${COUNT.toLocaleString('en')} rows on the event loop in one statement (\`allFeatures\`): ${readMs} ms${pageMs ? `; one page of 10,000 (\`featurePage\`, how a tile's index reads them now, one page per turn): ${pageMs} ms` : ''}.`;
console.log(readLine);
server.close();

const file = writeBenchSection('shape-stall', [
  '## Event-loop blocks while a polygon layer\'s index is built (`npm run bench -- shape-stall`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `${COUNT.toLocaleString('en')} synthetic buildings (SQLite in memory, loaded in ${loadS.toFixed(1)} s), one z16 tile at the district's centre asked for by curl (another process); tile cache off. A 2 ms interval timer on the server's event loop: the worst block while the tile is answered, and in the ${AFTER_MS / 1000} s after it (the split ahead of requests), as the main thread's CPU time between two ticks (its own work) and, in brackets, the wall-clock gap (which also counts waiting for a core while other processes run). Each write updates one building through a bare connection.`,
  '',
  '| request | answered in ms | worst block ms, CPU (wall), until answered | worst block ms, CPU (wall), after |',
  '|---|---|---|---|',
  ...rows,
  '',
  readLine,
].join('\n'));
console.log(`written to ${file}`);
