import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { createSyntheticCases } from './synthetic';
import { districtTiles, tileOf } from './tile-list';
import { hasWrk, machineLine, peakRssMb, percentile, runWrk, startServerProcess, writeBenchSection } from './lib';

const SIZES = [
  { id: 'bench-cases-100k', count: 100_000 },
  { id: 'bench-cases-1m', count: 1_000_000 },
];
const ZOOMS = [12, 13, 14, 15, 16, 17, 18];
const TILES_PER_ZOOM = 12;
const WRK_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function timed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t0;
  // fetch decompresses gzip: the wire size is the Content-Length header
  return { ms, bytes: Number(res.headers.get('content-length') ?? body.length), status: res.status };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-tiles-'));
const dbFile = path.join(tmp, 'bench.sqlite');
const db = openDatabase(dbFile);
const loads: string[] = [];
for (const { id, count } of SIZES) {
  const s = createSyntheticCases(db, id, count);
  loads.push(`${id}: ${count.toLocaleString('en')} points loaded in ${s.toFixed(1)} s`);
  console.log(loads.at(-1));
}
db.close();

const { proc, url } = await startServerProcess({ DB_FILE: dbFile, DATA_DIR: path.join(tmp, 'data') });
const rows: string[] = [];
const builds: string[] = [];
const throughputTile = `/tiles/${SIZES[0]!.id}/17/${tileOf(120.16, 30.2415, 17).join('/')}.mvt`;
try {
  for (const { id } of SIZES) {
    const first = await timed(`${url}/tiles/${id}/18/${tileOf(120.16, 30.2415, 18).join('/')}.mvt`);
    builds.push(`${id}: first tile ${first.ms.toFixed(0)} ms (builds the in-memory point index)`);
    console.log(builds.at(-1));
    for (const z of ZOOMS) {
      const times: number[] = [];
      const sizes: number[] = [];
      for (const [x, y] of districtTiles(z, TILES_PER_ZOOM)) {
        const r = await timed(`${url}/tiles/${id}/${z}/${x}/${y}.mvt`);
        if (r.status !== 200 && r.status !== 204) throw new Error(`tile ${z}/${x}/${y}: HTTP ${r.status}`);
        times.push(r.ms);
        sizes.push(r.bytes);
      }
      const gz = await timed(`${url}/tiles/${id}/${z}/${districtTiles(z, 1)[0]!.join('/')}.mvt`, { 'Accept-Encoding': 'gzip' });
      rows.push(`| ${id} | ${z} | ${times.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${(percentile(sizes, 50) / 1024).toFixed(0)} | ${(Math.max(...sizes) / 1024).toFixed(0)} | ${(gz.bytes / 1024).toFixed(0)} |`);
      console.log(rows.at(-1));
    }
  }
} finally {
  if (!hasWrk()) proc.kill('SIGTERM');
}

let throughput = '_wrk is not installed (`apt-get install wrk`): throughput skipped._';
if (hasWrk()) {
  const tileUrl = `${url}${throughputTile}`;
  const bytes = Buffer.from(await (await fetch(tileUrl)).arrayBuffer());
  const ours = runWrk(tileUrl, WRK_SECONDS);
  const rss = peakRssMb(proc.pid!);
  proc.kill('SIGTERM');
  const file = path.join(tmp, 'tile.mvt');
  fs.writeFileSync(file, bytes);
  const barePort = 40000 + Math.floor(Math.random() * 20000);
  const bare = spawn(process.execPath, ['-e', `
    const body = require('fs').readFileSync(${JSON.stringify(file)});
    require('http').createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.length }); res.end(body); }).listen(${barePort}, '127.0.0.1');`]);
  await new Promise((r) => setTimeout(r, 500));
  const ceiling = runWrk(`http://127.0.0.1:${barePort}/t.mvt`, WRK_SECONDS);
  bare.kill('SIGTERM');
  throughput = [
    `Cached tile \`${throughputTile}\` (${(bytes.length / 1024).toFixed(0)} KB, no gzip), \`wrk -t1 -c50 -d${WRK_SECONDS}s\`:`,
    '',
    '| server | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|',
    `| Qingbo One Map (fast path) | ${ours.rps.toFixed(0)} | ${ours.p50ms.toFixed(2)} | ${ours.p99ms.toFixed(2)} | ${ours.errors} |`,
    `| bare node:http, same bytes (ceiling) | ${ceiling.rps.toFixed(0)} | ${ceiling.p50ms.toFixed(2)} | ${ceiling.p99ms.toFixed(2)} | ${ceiling.errors} |`,
    '',
    `Ratio to the ceiling: **${((ours.rps / ceiling.rps) * 100).toFixed(0)} %**. Server peak RSS over the whole run: **${rss.toFixed(0)} MiB**.`,
  ].join('\n');
  console.log(throughput);
}
fs.rmSync(tmp, { recursive: true, force: true });

const file = writeBenchSection('tiles', [
  `## Vector tiles (\`npm run bench -- tiles\`)`,
  '',
  `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `Synthetic point layers, uniform in the district bbox, deterministic seed. ${loads.join('; ')}.`,
  `${builds.join('; ')}.`,
  '',
  `Cold tiles (first request of each tile; server-side cache empty for it), ${TILES_PER_ZOOM} tiles per zoom nearest the district centre, timed by the client over loopback:`,
  '',
  '| layer | z | tiles | p50 ms | p95 ms | median KB | max KB | gzip KB (one tile) |',
  '|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  throughput,
].join('\n'));
console.log(`\nwrote ${file}`);
