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
  runWrk(oursUrl, 2, 50, GZIP);
  const rows: { name: string; r?: WrkResult; note?: string }[] = [];
  rows.push({ name: 'Qingbo One Map (cached tile, fast path)', r: runWrk(oursUrl, SECONDS, 50, GZIP) });
  await stopProcess(server.proc);

  const barePort = 40000 + Math.floor(Math.random() * 20000);
  const bare = spawn(process.execPath, ['-e', `
    const body = require('fs').readFileSync(${JSON.stringify(path.join(tmp, 'tile.gz'))});
    require('http').createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Encoding': 'gzip', 'Content-Length': body.length }); res.end(body); }).listen(${barePort}, '127.0.0.1');`]);
  await waitFor(`http://127.0.0.1:${barePort}/`, bare);
  runWrk(`http://127.0.0.1:${barePort}/t.mvt`, 2, 50, GZIP);
  rows.push({ name: 'bare node:http, same bytes (ceiling)', r: runWrk(`http://127.0.0.1:${barePort}/t.mvt`, SECONDS, 50, GZIP) });
  await stopProcess(bare);

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
        runWrk(tileUrl, 2, 50, GZIP);
        rows.push({ name: `TileServer GL ${TSGL_VERSION} (tileserver-gl-light, MBTiles)`, r: runWrk(tileUrl, SECONDS, 50, GZIP) });
      }
    } else {
      rows.push({ name: `TileServer GL ${TSGL_VERSION}`, note: `did not start on Node ${process.version}: ${stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` });
    }
    await stopProcess(proc);
  } else {
    rows.push({ name: 'TileServer GL (tileserver-gl-light)', note: `skipped: ${tsgl.reason}` });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const ceiling = rows[1]!.r!.rps;
  const ourRps = rows[0]!.r!.rps;
  const table = rows.map(({ name, r, note }) => (r
    ? `| ${name} | ${r.rps.toFixed(0)} | ${r.p50ms.toFixed(2)} | ${r.p99ms.toFixed(2)} | ${r.errors} | ${((r.rps / ceiling) * 100).toFixed(0)} % | ${(ourRps / r.rps).toFixed(2)}× |`
    : `| ${name} | — | — | — | — | ${note} | |`));
  console.log(table.join('\n'));
  const file = writeBenchSection('cached', [
    '## Cached tiles vs TileServer GL and bare node:http (`npm run bench -- cached [--install]`)',
    '',
    `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    `One z18 tile \`${tilePath}\` of the ${LAYER.count.toLocaleString('en')}-point synthetic layer, gzip (${(gzBytes.length / 1024).toFixed(1)} KB on the wire), requested with \`Accept-Encoding: gzip\`. TileServer GL serves an MBTiles file (written with better-sqlite3: metadata + tiles tables, gzip tile data) of the same ${tiles} tiles (z${ZOOMS[0]}–z${ZOOMS.at(-1)}, every district tile), the bare node:http server the same bytes from memory. \`wrk -t1 -c50 -d${SECONDS}s\` after a 2 s warm-up; wrk and the server share the 2 cores.`,
    '',
    '| server | req/s | p50 ms | p99 ms | errors | share of ceiling | ours / this |',
    '|---|---|---|---|---|---|---|',
    ...table,
  ].join('\n'));
  console.log(`wrote ${file}`);
}
