import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import { writeFixtureDataDir } from '../../tests/helpers/fixture-data';

/** Longest gap between ticks of a 2 ms timer while `work` runs: the worst event-loop block, in ms. */
async function worstBlock<T>(work: () => Promise<T>): Promise<{ result: T; worstMs: number; totalMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 2);
  const start = performance.now();
  const result = await work();
  const totalMs = performance.now() - start;
  clearInterval(timer);
  return { result, worstMs: worst, totalMs };
}

const square = (i: number, n: number, r = 5e-5) => {
  const cx = 120.152 + (i % 100) * 1.6e-4;
  const cy = 30.232 + Math.floor(i / 100) * 1.6e-4;
  const ring = Array.from({ length: n - 1 }, (_, k) => {
    const a = (2 * Math.PI * k) / (n - 1);
    return [Number((cx + r * Math.cos(a)).toFixed(7)), Number((cy + r * Math.sin(a)).toFixed(7))];
  });
  return [[...ring, ring[0]]];
};

const featureCollection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

const db = openDatabase(':memory:');
const dataDir = writeFixtureDataDir((files) => {
  (files['layers.json'] as Record<string, unknown>[]).push({
    id: 'plots', title: { zh: '地块', en: 'Plots' }, group: 'renovation', geometryType: 'Polygon', file: 'layers/plots.geojson', style: { color: '#666666' },
    schema: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } },
  });
  files['layers/plots.geojson'] = { type: 'FeatureCollection', features: [] };
});
seedDatabase(db, dataDir);
await seedDemoAccounts(db);
const app = createApp({ db, config: testConfig({ dataDir }) });
const server = http.createServer(app).listen(0);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: DEMO_PASSWORD }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

const cases: { name: string; layer: string; file: string; body: () => string; commit?: boolean }[] = [
  { name: 'CSV of 2.6 M rows (10 MB)', layer: 'garbage-rooms', file: 'rows.csv', body: () => 'lon,lat,name\n' + '1,2,a\n'.repeat(1_740_000) },
  { name: 'GeoJSON of 1 M tiny features', layer: 'garbage-rooms', file: 'tiny.geojson', body: () => `{"type":"FeatureCollection","features":[${'{},'.repeat(1_000_000)}{}]}` },
  { name: '2,000 CSV points, committed', layer: 'garbage-rooms', file: 'rooms.csv', commit: true, body: () => 'lon,lat,name,name_en,status\n' + Array.from({ length: 2_000 }, (_, i) => `${(120.152 + (i % 1000) * 1e-5).toFixed(5)},${(30.232 + Math.floor(i / 1000) * 1e-4).toFixed(4)},房${i},Room ${i},open`).join('\n') },
  { name: '2,000 polygons × 100 vertices (200,000), committed', layer: 'plots', file: 'plots.geojson', commit: true, body: () => featureCollection(Array.from({ length: 2_000 }, (_, i) => ({ type: 'Feature', properties: { name: `地块${i}` }, geometry: { type: 'Polygon', coordinates: square(i, 100) } }))) },
  { name: '20 polygons × 10,000 vertices (200,000), committed', layer: 'plots', file: 'big.geojson', commit: true, body: () => featureCollection(Array.from({ length: 20 }, (_, i) => ({ type: 'Feature', properties: { name: `大地块${i}` }, geometry: { type: 'Polygon', coordinates: square(i * 7, 10_000, 2e-3) } }))) },
];

const run = promisify(execFile);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'import-stall-'));
for (const c of cases) {
  const text = c.body();
  const file = path.join(folder, c.file);
  fs.writeFileSync(file, text);
  const rss = process.memoryUsage().rss;
  // curl sends the file from another process, so only the server's work runs on this event loop
  const { result, worstMs, totalMs } = await worstBlock(async () => {
    const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', '-H', `Cookie: ${cookie}`, '-F', `file=@${file}`, ...(c.commit ? [] : ['-F', 'dryRun=true']), `${base}/api/layers/${c.layer}/import`], { maxBuffer: 1 << 30 });
    const [json, status] = [stdout.slice(0, stdout.lastIndexOf('\n')), stdout.slice(stdout.lastIndexOf('\n') + 1)];
    const body = JSON.parse(json) as { error?: { code: string }; totals?: unknown };
    return `${status} ${body.error?.code ?? JSON.stringify(body.totals)}`;
  });
  console.log(`${c.name}: ${(text.length / 1024 / 1024).toFixed(1)} MB → ${result}; total ${totalMs.toFixed(0)} ms, worst event-loop block ${worstMs.toFixed(0)} ms, RSS +${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB`);
}
server.close();
db.close();
fs.rmSync(folder, { recursive: true, force: true });
