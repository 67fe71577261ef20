import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { openDatabase } from '../../server/src/db/database';
import { DISTRICT_BBOX, createSyntheticBuildings, createSyntheticCases, random, SYNTHETIC_CATEGORIES, SYNTHETIC_STATES } from './synthetic';
import { districtTiles } from './tile-list';
import { machineLine, profileSummary, ratio, startServerProcess, stats, stopProcess, writeBenchSection } from './lib';
import { ensurePostgis, loadBuildings, loadCases, mvtQuery, startCluster, versions, type Cluster } from './postgis';

const POINTS = { id: 'bench-cases-1m', table: 'bench_cases', count: Number(process.env.BENCH_POINTS ?? 1_000_000) };
const SHAPES = { id: 'bench-buildings-100k', table: 'bench_buildings', count: Number(process.env.BENCH_POLYGONS ?? 100_000) };
const PASSES = 2;
/** Polygon tiles per zoom (as many as the district has, up to this): z16–z18 tiles take milliseconds, so more of them steady the p50. */
const SHAPE_TILES_PER_ZOOM = 12;
const FEATURE_QUERIES = Number(process.env.BENCH_FEATURE_QUERIES ?? 40);
/** A quick partial run for development: `BENCH_ONLY=features|tiles|shapes` and/or `--ours` (no PostGIS); it leaves docs/benchmarks.md alone. */
const ONLY = process.env.BENCH_ONLY;
const OURS_ONLY = process.argv.includes('--ours');
const PARTIAL = ONLY !== undefined || OURS_ONLY;

interface Sample { ms: number; bytes: number }

async function ours(url: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${body.toString().slice(0, 200)}`);
  return { ms: performance.now() - t0, bytes: body.length };
}

async function theirs(client: pg.Client, name: string, text: string, values: unknown[]): Promise<Sample> {
  const t0 = performance.now();
  const r = await client.query<unknown[]>({ name, text, values, rowMode: 'array' });
  const v = r.rows[0]?.[0];
  return { ms: performance.now() - t0, bytes: Buffer.isBuffer(v) ? v.length : String(v).length };
}

/** CPU milliseconds a process has run on all its threads (Linux /proc/…/task/…/schedstat, nanoseconds). */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns / 1e6;
}

/**
 * Waits until the server process is idle (under 5 % of a core over half a second, at most 120 s): the
 * in-memory index's background work (the split of polygon tiles ahead of requests) is then done, as
 * PostGIS's index build and ANALYZE are before its side is timed. Returns the seconds waited.
 */
async function settle(pid: number): Promise<number> {
  const t0 = performance.now();
  let before = cpuMs(pid);
  while (performance.now() - t0 < 120_000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now - before < 25) break;
    before = now;
  }
  return (performance.now() - t0) / 1000;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-compare-'));
const dbFile = path.join(tmp, 'bench.sqlite');
// an empty data catalogue: start-up brings layer definitions up to date with DATA_DIR and needs its layers.json
fs.mkdirSync(path.join(tmp, 'data'));
fs.writeFileSync(path.join(tmp, 'data', 'layers.json'), '[]');
const db = openDatabase(dbFile);
const loads = [
  `SQLite: ${POINTS.count.toLocaleString('en')} points in ${createSyntheticCases(db, POINTS.id, POINTS.count).toFixed(1)} s`,
  `${SHAPES.count.toLocaleString('en')} polygons in ${createSyntheticBuildings(db, SHAPES.id, SHAPES.count).toFixed(1)} s`,
];
db.close();
console.log(loads.join('; '));

const postgis = OURS_ONLY ? { ok: false as const, reason: '--ours was given' } : ensurePostgis();
let cluster: Cluster | undefined;
let client: pg.Client | undefined;
let pgVersion = '';
let backendPid = 0;
if (postgis.ok) {
  cluster = startCluster();
  pgVersion = versions(cluster);
  loads.push(`PostGIS (COPY + 3857 column + GiST + VACUUM ANALYZE): points in ${loadCases(cluster, POINTS.table, POINTS.count).toFixed(1)} s, polygons in ${loadBuildings(cluster, SHAPES.table, SHAPES.count).toFixed(1)} s`);
  console.log(loads.at(-1));
  client = await cluster.client();
  backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
} else {
  console.log(`PostGIS part skipped: ${postgis.reason}`);
}

const { proc, url } = await startServerProcess({ DB_FILE: dbFile, DATA_DIR: path.join(tmp, 'data'), TILE_CACHE_MB: '0' });
const builds: string[] = [];
const tileRows: string[] = [];
const featureRows: string[] = [];
const slowest = { label: '', ms: 0, run: async (): Promise<void> => {} };

async function tileSet(layer: string, table: string, columns: string[], zooms: number[], perZoom: number): Promise<void> {
  const [x0, y0] = districtTiles(18, 1)[0]!;
  const first = (await ours(`${url}/tiles/${layer}/18/${x0}/${y0}.mvt`)).ms;
  builds.push(`${layer}: first tile ${first.toFixed(0)} ms (builds the in-memory index), then ${(await settle(proc.pid!)).toFixed(1)} s until the server idled (background split)`);
  console.log(builds.at(-1));
  const query = mvtQuery(table, columns);
  if (client) await theirs(client, `mvt-${table}`, query, [18, x0, y0]);
  for (const z of zooms) {
    const tiles = districtTiles(z, perZoom);
    const a: Sample[] = [];
    const b: Sample[] = [];
    // CPU of our server process and of the PostgreSQL backend: each is idle while the other side is timed
    let cpuA = 0;
    let cpuB = 0;
    for (let pass = 0; pass < PASSES; pass += 1) {
      for (const [x, y] of tiles) {
        const c0 = cpuMs(proc.pid!);
        a.push(await ours(`${url}/tiles/${layer}/${z}/${x}/${y}.mvt`));
        cpuA += cpuMs(proc.pid!) - c0;
        if (client) {
          const c1 = cpuMs(backendPid);
          b.push(await theirs(client, `mvt-${table}`, query, [z, x, y]));
          cpuB += cpuMs(backendPid) - c1;
        }
      }
    }
    const sa = stats(a.map((s) => s.ms));
    const kb = (s: Sample[]) => (s.reduce((t, v) => t + v.bytes, 0) / s.length / 1024).toFixed(0);
    const sb = b.length ? stats(b.map((s) => s.ms)) : undefined;
    const cpu = (ms: number) => (ms / a.length).toFixed(2);
    tileRows.push(`| ${layer} | ${z} | ${tiles.length} × ${PASSES} | ${sa.p50.toFixed(1)} | ${sa.p95.toFixed(1)} | ${kb(a)} | ${sb ? `${sb.p50.toFixed(1)} | ${sb.p95.toFixed(1)} | ${kb(b)} | **${ratio(sb.p50, sa.p50)}** | ${cpu(cpuA)} | ${cpu(cpuB)} | ${ratio(cpuB, cpuA)}` : `skipped | | | | ${cpu(cpuA)} | | `} |`);
    console.log(tileRows.at(-1));
    if (sa.p50 > slowest.ms) {
      Object.assign(slowest, { label: `cold ${layer} tiles at z${z}`, ms: sa.p50, run: async () => { for (const [x, y] of tiles) await ours(`${url}/tiles/${layer}/${z}/${x}/${y}.mvt`); } });
    }
  }
}

interface FeatureCase { label: string; bbox: (r: () => number) => [number, number, number, number]; filters: number; count: number }
const [W, S, E, N] = DISTRICT_BBOX;
const smallBox = (r: () => number): [number, number, number, number] => {
  const w = 0.003; const h = 0.0027; // about 300 m × 300 m
  const x = W + r() * (E - W - w); const y = S + r() * (N - S - h);
  return [x, y, x + w, y + h];
};
const FEATURE_CASES: FeatureCase[] = [
  { label: 'bbox ≈300 m + state', bbox: smallBox, filters: 1, count: FEATURE_QUERIES },
  { label: 'bbox ≈300 m + state + category', bbox: smallBox, filters: 2, count: FEATURE_QUERIES },
  { label: 'whole district + state + category', bbox: () => [W, S, E, N], filters: 2, count: Math.max(5, Math.floor(FEATURE_QUERIES / 4)) },
];

function featureSql(filters: number): string {
  const where = `geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND state = $5${filters > 1 ? ' AND category = $6' : ''}`;
  return `SELECT json_build_object('type', 'FeatureCollection', 'numberMatched', (SELECT count(*) FROM ${POINTS.table} WHERE ${where}),
    'features', coalesce(json_agg(f), '[]'::json))::text FROM (
    SELECT json_build_object('type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom)::json,
      'properties', json_build_object('category', category, 'state', state, 'reported_on', reported_on, 'priority', priority)) AS f
    FROM ${POINTS.table} WHERE ${where} ORDER BY id LIMIT 100) AS s`;
}

async function featureSet(): Promise<void> {
  for (const fc of FEATURE_CASES) {
    const rand = random(4242 + fc.filters);
    const a: number[] = [];
    const b: number[] = [];
    let matched = 0;
    const urls: string[] = [];
    for (let i = 0; i < fc.count; i += 1) {
      const bbox = fc.bbox(rand);
      const state = SYNTHETIC_STATES[Math.floor(rand() * SYNTHETIC_STATES.length)]!;
      const category = SYNTHETIC_CATEGORIES[Math.floor(rand() * SYNTHETIC_CATEGORIES.length)]!;
      const u = `${url}/ogc/collections/${POINTS.id}/items?bbox=${bbox.join(',')}&state=${state}${fc.filters > 1 ? `&category=${category}` : ''}&limit=100`;
      urls.push(u);
      const t0 = performance.now();
      const res = await fetch(u);
      const body = (await res.json()) as { numberMatched: number };
      a.push(performance.now() - t0);
      matched += body.numberMatched;
      if (client) {
        const values = fc.filters > 1 ? [...bbox, state, category] : [...bbox, state];
        b.push((await theirs(client, `items-${fc.filters}`, featureSql(fc.filters), values)).ms);
      }
    }
    const sa = stats(a);
    const sb = b.length ? stats(b) : undefined;
    featureRows.push(`| ${fc.label} | ${fc.count} | ${(matched / fc.count).toFixed(0)} | ${sa.p50.toFixed(1)} | ${sa.p99.toFixed(1)} | ${sb ? `${sb.p50.toFixed(1)} | ${sb.p99.toFixed(1)} | **${ratio(sb.p50, sa.p50)}** | **${ratio(sb.p99, sa.p99)}**` : 'skipped | | | '} |`);
    console.log(featureRows.at(-1));
    if (sa.p50 > slowest.ms) Object.assign(slowest, { label: `OGC items, ${fc.label}`, ms: sa.p50, run: async () => { for (const u of urls) await (await fetch(u)).arrayBuffer(); } });
  }
}

try {
  if (ONLY === undefined || ONLY === 'tiles') {
    await tileSet(POINTS.id, POINTS.table, ['category', 'state', 'reported_on::text AS reported_on', 'priority'], [13, 14, 15, 16, 17, 18], 6);
  }
  if (ONLY === undefined || ONLY === 'tiles' || ONLY === 'shapes') {
    await tileSet(SHAPES.id, SHAPES.table, ['floors', 'use'], [12, 13, 14, 15, 16, 17, 18], SHAPE_TILES_PER_ZOOM);
  }
  if (ONLY === undefined || ONLY === 'features') await featureSet();
} finally {
  await stopProcess(proc);
  await client?.end();
  cluster?.stop();
}

// profile the slowest path on a fresh server process: warm it up, idle, run the slowest workload, stop
const profDir = path.join(tmp, 'prof');
const prof = await startServerProcess({ DB_FILE: dbFile, DATA_DIR: path.join(tmp, 'data'), TILE_CACHE_MB: '0' }, ['--cpu-prof', `--cpu-prof-dir=${profDir}`], Number(new URL(url).port));
const [wx, wy] = districtTiles(18, 1)[0]!;
await ours(`${prof.url}/tiles/${POINTS.id}/18/${wx}/${wy}.mvt`);
await ours(`${prof.url}/tiles/${SHAPES.id}/18/${wx}/${wy}.mvt`);
await settle(prof.proc.pid!);
const t0 = performance.now();
await slowest.run();
const windowMs = performance.now() - t0 + 50;
await stopProcess(prof.proc);
const profFile = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
let profile = '_no .cpuprofile was written_';
if (profFile) {
  const keep = path.join(os.tmpdir(), `qingbo-bench-slowest-${Date.now()}.cpuprofile`);
  fs.copyFileSync(path.join(profDir, profFile), keep);
  const { rows, totalMs } = profileSummary(keep, 12, windowMs);
  profile = [
    `Slowest path: **${slowest.label}** (p50 ${slowest.ms.toFixed(0)} ms). Server run under \`node --cpu-prof\`; the workload ran once after warm-up; ${totalMs.toFixed(0)} ms of CPU samples in that window (idle excluded). Profile kept at \`${keep}\` (open in Chrome DevTools).`,
    '',
    '| function — file | self ms | share |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
console.log(profile);
fs.rmSync(tmp, { recursive: true, force: true });

if (PARTIAL) {
  console.log('\npartial run (BENCH_ONLY or --ours): docs/benchmarks.md left as it was');
  process.exit(0);
}
const skipped = postgis.ok ? '' : `\n_PostGIS columns skipped: ${postgis.reason}._\n`;
const file = writeBenchSection('compare', [
  '## Dynamic tiles and features vs PostGIS (`npm run bench -- compare [--install]`)',
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. ${pgVersion ? `Anchor: ${pgVersion} on a private loopback cluster (shared_buffers 1 GB, work_mem 64 MB, jit off).` : ''}`,
  `Same synthetic data on both sides (deterministic seed). ${loads.join('; ')}. ${builds.join('; ')}.`,
  skipped,
  `### Raw tiles (no tile cache: \`TILE_CACHE_MB=0\`, every request renders)`,
  '',
  `Ours: HTTP GET over loopback (render + ETag, identity body: no gzip is made for it). Theirs: the Martin / pg_tileserv query (ST_TileEnvelope, ST_AsMVTGeom, ST_AsMVT) as a prepared statement through \`pg\`, no HTTP. Same tile list, ${PASSES} passes, timed once each layer's first tile has built our in-memory index and the server has idled. Our point tiles with more than 15,000 points are aggregated into 64-unit cells (issue 3's size limits), PostGIS sends every point: compare the KB columns. CPU ms: per tile, of our server process (all threads) and of the PostgreSQL backend (from /proc schedstat; steadier than the times when the machine is loaded).`,
  '',
  '| layer | z | tiles | ours p50 ms | ours p95 ms | ours KB | PostGIS p50 ms | PostGIS p95 ms | PostGIS KB | PostGIS / ours (p50) | ours CPU ms | PostGIS CPU ms | CPU ratio |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...tileRows,
  '',
  `### Features: \`/ogc/collections/${POINTS.id}/items\` with bbox + property filters, limit 100, over ${POINTS.count.toLocaleString('en')} points`,
  '',
  'Ours: HTTP GET, GeoJSON with numberMatched. Theirs: the same page built in SQL (json_build_object + ST_AsGeoJSON, count(*) for numberMatched) as pg_featureserv does, with plain columns and a GiST index on geom.',
  '',
  '| query | queries | mean matched | ours p50 ms | ours p99 ms | PostGIS p50 ms | PostGIS p99 ms | ratio p50 | ratio p99 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...featureRows,
  '',
  '### CPU profile of the slowest path',
  '',
  profile,
].join('\n'));
console.log(`\nwrote ${file}`);
