import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/src/db/database';
import { createSyntheticCases, DISTRICT_BBOX } from './synthetic';
import { districtTiles } from './tile-list';
import { hasWrk, machineLine, runWrk, startServerProcess, stopProcess, writeBenchSection, type WrkResult } from './lib';
import { aptInstall, wantsInstall } from './postgis';

const LAYER = { id: 'bench-cases-100k', count: 100_000 };
const ZOOMS = [14, 15, 16, 17, 18];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TSGL_VERSION = '5.6.0';
const TSGL_DIR = path.join(os.tmpdir(), 'qingbo-bench-tileserver-gl');
const TSGL_MAIN = path.join(TSGL_DIR, 'node_modules', 'tileserver-gl-light', 'src', 'main.js');
const GZIP = ['Accept-Encoding: gzip'];
const CONNECTIONS = 50;
/** How many times each of our server and the bare one is measured, in turn. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

/** One wrk run against a server, with the server's CPU time per answered request. */
interface Measured extends WrkResult {
  /** User + system CPU time of the server process per answered request (µs). */
  cpuUs: number;
}

/** utime + stime of a process in clock ticks (1/100 s on Linux). */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A 2 s warm-up, then a measured wrk run, reading the server's CPU time around it. */
function measured(proc: ChildProcess, url: string): Measured {
  runWrk(url, 2, CONNECTIONS, GZIP);
  const before = cpuTicks(proc.pid!);
  const r = runWrk(url, SECONDS, CONNECTIONS, GZIP);
  const ticks = cpuTicks(proc.pid!) - before;
  // requests answered ≈ req/s × the run's length (wrk's own figure is requests over its measured duration)
  return { ...r, cpuUs: (ticks * 10_000) / Math.max(1, r.rps * SECONDS) };
}

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Each figure's median over the runs (errors: their sum). */
const median = (ms: Measured[]): Measured => ({
  rps: medianOf(ms.map((m) => m.rps)), p50ms: medianOf(ms.map((m) => m.p50ms)), p99ms: medianOf(ms.map((m) => m.p99ms)),
  errors: ms.reduce((sum, m) => sum + m.errors, 0), cpuUs: medianOf(ms.map((m) => m.cpuUs)),
});
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');

/** tileserver-gl-light in a temporary folder (npm install --prefix) when asked to install; a reason when not there. */
function ensureTileserverGl(): { ok: true } | { ok: false; reason: string } {
  if (fs.existsSync(TSGL_MAIN)) return { ok: true };
  if (!wantsInstall()) return { ok: false, reason: `tileserver-gl-light is not installed in ${TSGL_DIR}: run \`npm run bench -- cached --install\`` };
  console.log(`npm install --prefix ${TSGL_DIR} tileserver-gl-light@${TSGL_VERSION} … (builds sqlite3 from source, ≈ 2 min)`);
  const r = spawnSync('npm', ['install', '--prefix', TSGL_DIR, '--no-audit', '--no-fund', `tileserver-gl-light@${TSGL_VERSION}`], { stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(TSGL_MAIN)) return { ok: false, reason: `npm install tileserver-gl-light@${TSGL_VERSION} failed here (exit ${r.status})` };
  return { ok: true };
}

async function waitFor(url: string, proc: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 300; i += 1) {
    if (proc.exitCode !== null) return false;
    try {
      if ((await fetch(url)).status < 500) return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

if (!hasWrk() && wantsInstall()) aptInstall(['wrk']);
if (!hasWrk()) {
  console.log('cached: wrk is not installed (`apt-get install wrk`, or run with --install): skipped');
  writeBenchSection('cached', '## Cached tiles vs TileServer GL and bare node:http\n\n_Skipped: wrk is not installed (`npm run bench -- cached --install`)._');
} else {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-cached-'));
  const dbFile = path.join(tmp, 'bench.sqlite');
  const db = openDatabase(dbFile);
  createSyntheticCases(db, LAYER.id, LAYER.count);
  db.close();

  const server = await startServerProcess({ DB_FILE: dbFile, DATA_DIR: path.join(tmp, 'data') });
  const mbtiles = path.join(tmp, 'cases.mbtiles');
  const out = new Database(mbtiles);
  out.exec(`CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
    CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
  const [w, s, e, n] = DISTRICT_BBOX;
  const meta: Record<string, string> = {
    name: LAYER.id, format: 'pbf', type: 'overlay', version: '1', minzoom: String(ZOOMS[0]), maxzoom: String(ZOOMS.at(-1)),
    bounds: [w, s, e, n].join(','), center: `${(w + e) / 2},${(s + n) / 2},16`,
    json: JSON.stringify({ vector_layers: [{ id: LAYER.id, fields: { category: 'String', state: 'String', reported_on: 'String', priority: 'Number' }, minzoom: ZOOMS[0], maxzoom: ZOOMS.at(-1) }] }),
  };
  const insertMeta = out.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [k, v] of Object.entries(meta)) insertMeta.run(k, v);
  const insertTile = out.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  let tiles = 0;
  for (const z of ZOOMS) {
    for (const [x, y] of districtTiles(z, 10_000)) {
      // node's fetch would gunzip: ask for the identity body and gzip it the way the server does
      const res = await fetch(`${server.url}/tiles/${LAYER.id}/${z}/${x}/${y}.mvt`);
      if (res.status !== 200) continue;
      const { gzipSync } = await import('node:zlib');
      insertTile.run(z, x, 2 ** z - 1 - y, gzipSync(Buffer.from(await res.arrayBuffer()), { level: 6 }));
      tiles += 1;
    }
  }
  out.close();

  const [tx, ty] = districtTiles(18, 1)[0]!;
  const tilePath = `18/${tx}/${ty}`;
  const oursUrl = `${server.url}/tiles/${LAYER.id}/${tilePath}.mvt`;
  const probe = spawnSync('curl', ['-s', '-H', GZIP[0]!, '-o', path.join(tmp, 'tile.gz'), '-w', '%{size_download}', oursUrl], { encoding: 'utf8' });
  const gzBytes = fs.existsSync(path.join(tmp, 'tile.gz')) ? fs.readFileSync(path.join(tmp, 'tile.gz')) : Buffer.alloc(0);
  if (probe.status !== 0 || gzBytes.length === 0) throw new Error('could not fetch the gzip tile with curl');
  const barePort = 40000 + Math.floor(Math.random() * 20000);
  const bare = spawn(process.execPath, ['-e', `
    const body = require('fs').readFileSync(${JSON.stringify(path.join(tmp, 'tile.gz'))});
    require('http').createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Encoding': 'gzip', 'Content-Length': body.length }); res.end(body); }).listen(${barePort}, '127.0.0.1');`]);
  const bareUrl = `http://127.0.0.1:${barePort}/t.mvt`;
  await waitFor(`http://127.0.0.1:${barePort}/`, bare);
  // in turn (ours, bare, ours, bare, …): the neighbours' load on the shared cores changes from minute to minute
  const runs: { ours: Measured; bare: Measured; load: string }[] = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push({ ours: measured(server.proc, oursUrl), bare: measured(bare, bareUrl), load: loadAverage() });
  await stopProcess(server.proc);
  await stopProcess(bare);
  const rows: { name: string; m?: Measured; note?: string }[] = [
    { name: 'Qingbo One Map (cached tile, fast path)', m: median(runs.map((r) => r.ours)) },
    { name: 'bare node:http, same bytes (ceiling)', m: median(runs.map((r) => r.bare)) },
  ];

  const tsgl = ensureTileserverGl();
  if (tsgl.ok) {
    const config = path.join(tmp, 'config.json');
    fs.writeFileSync(config, JSON.stringify({
      options: { paths: { root: path.join(TSGL_DIR, 'node_modules', 'tileserver-gl-styles'), mbtiles: tmp } },
      data: { cases: { mbtiles: 'cases.mbtiles' } },
    }));
    const port = 40000 + Math.floor(Math.random() * 20000);
    const proc = spawn(process.execPath, [TSGL_MAIN, '--config', config, '--port', String(port), '--bind', '127.0.0.1', '--silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const tileUrl = `http://127.0.0.1:${port}/data/cases/${tilePath}.pbf`;
    if (await waitFor(`http://127.0.0.1:${port}/health`, proc)) {
      const res = await fetch(tileUrl);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) {
        rows.push({ name: `TileServer GL ${TSGL_VERSION} (tileserver-gl-light, MBTiles)`, note: `tile answered HTTP ${res.status}: ${body.toString().slice(0, 80)}` });
      } else {
        rows.push({ name: `TileServer GL ${TSGL_VERSION} (tileserver-gl-light, MBTiles)`, m: measured(proc, tileUrl) });
      }
    } else {
      rows.push({ name: `TileServer GL ${TSGL_VERSION}`, note: `did not start on Node ${process.version}: ${stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` });
    }
    await stopProcess(proc);
  } else {
    rows.push({ name: 'TileServer GL (tileserver-gl-light)', note: `skipped: ${tsgl.reason}` });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const ceiling = rows[1]!.m!;
  const ours = rows[0]!.m!;
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const table = rows.map(({ name, m, note }) => (m
    ? `| ${name} | ${m.rps.toFixed(0)} | ${m.p50ms.toFixed(2)} | ${m.p99ms.toFixed(2)} | ${m.errors} | ${m.cpuUs.toFixed(1)} | ${pct(m.rps / ceiling.rps)} | ${pct(ceiling.cpuUs / m.cpuUs)} | ${(ours.rps / m.rps).toFixed(2)}× |`
    : `| ${name} | — | — | — | — | — | ${note} | | |`));
  const turns = runs.map((r, i) => `| ${i + 1} | ${r.ours.rps.toFixed(0)} | ${r.bare.rps.toFixed(0)} | ${pct(r.ours.rps / r.bare.rps)} | ${r.ours.cpuUs.toFixed(1)} | ${r.bare.cpuUs.toFixed(1)} | ${pct(r.bare.cpuUs / r.ours.cpuUs)} | ${r.load} |`);
  const shares = (f: (r: (typeof runs)[number]) => number) => pct(medianOf(runs.map(f)));
  console.log([...table, '', ...turns].join('\n'));
  const file = writeBenchSection('cached', [
    '## Cached tiles vs TileServer GL and bare node:http (`npm run bench -- cached [--install]`)',
    '',
    `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    `One z18 tile \`${tilePath}\` of the ${LAYER.count.toLocaleString('en')}-point synthetic layer, gzip (${(gzBytes.length / 1024).toFixed(1)} KB on the wire), requested with \`Accept-Encoding: gzip\`. TileServer GL serves an MBTiles file (written with better-sqlite3: metadata + tiles tables, gzip tile data) of the same ${tiles} tiles (z${ZOOMS[0]}–z${ZOOMS.at(-1)}, every district tile), the bare node:http server the same bytes from memory. \`wrk -t1 -c${CONNECTIONS} -d${SECONDS}s\` after a 2 s warm-up; wrk and the server share the 2 cores. Our server and the bare one are measured in turn, ${ROUNDS} times each; the first table gives each figure's median over the runs (errors: their sum), the second each run. CPU per request is the server process's user + system time over the wrk run (\`/proc/<pid>/stat\`) divided by the requests answered: the neighbours on the shared cores move it less than req/s.`,
    '',
    '| server | req/s | p50 ms | p99 ms | errors | CPU µs/request | share of ceiling (req/s) | share of ceiling (CPU/request) | ours / this |',
    '|---|---|---|---|---|---|---|---|---|',
    ...table,
    '',
    `Runs in turn (share of the bare server's figure, median: req/s ${shares((r) => r.ours.rps / r.bare.rps)}, CPU per request ${shares((r) => r.bare.cpuUs / r.ours.cpuUs)}):`,
    '',
    '| run | ours req/s | bare req/s | share (req/s) | ours CPU µs/req | bare CPU µs/req | share (CPU/req) | load average (1, 5, 15 min) after |',
    '|---|---|---|---|---|---|---|---|',
    ...turns,
  ].join('\n'));
  console.log(`wrote ${file}`);
}
