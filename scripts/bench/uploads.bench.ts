import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { createApp } from '../../server/src/app';
import { testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import { makeHugePng } from '../../tests/helpers/huge-png';
import { writeFixtureDataDir } from '../../tests/helpers/fixture-data';

// Upload pressure (issue 12 item 5): RSS under 16 parallel uploads of 5 × 10 MB, and sign-in time while
// 12 huge photos (16,383 × 16,383 px, refused from the header) and 12 large ones (6,000 × 6,000 px, processed
// two at a time) are uploaded. Clients are curl processes, so only the server's work runs in this process.

const curl = promisify(execFile);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-bench-'));
const db = openDatabase(':memory:');
const dataDir = writeFixtureDataDir();
seedDatabase(db, dataDir);
await seedDemoAccounts(db);
const config = testConfig({ dataDir, uploadDir: path.join(folder, 'uploads') });
const server = http.createServer(createApp({ db, config })).listen(0);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function login(): Promise<{ cookie: string; ms: number }> {
  const start = performance.now();
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: DEMO_PASSWORD }) });
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, ms: performance.now() - start };
}

const { cookie } = await login();
const alleys = (await (await fetch(`${base}/ogc/collections/alleys/items`)).json()) as { features: { id: number }[] };
const url = `${base}/api/layers/alleys/features/${alleys.features[0]!.id}/photos`;

/** Uploads files with curl; answers the HTTP status. */
async function upload(files: string[]): Promise<string> {
  const { stdout } = await curl('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', `Cookie: ${cookie}`, '-F', 'kind=before', ...files.flatMap((f) => ['-F', `photos=@${f}`]), url]);
  return stdout;
}

const tally = (codes: string[]) => Object.entries(codes.reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {})).map(([c, n]) => `${n}× ${c}`).join(', ');

// (a) memory: 16 parallel uploads of 5 files of 10 MB (JPEG magic, random content: refused 415 after the upload)
const tenMb = path.join(folder, 'ten.jpg');
fs.writeFileSync(tenMb, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 - 4, 7)]));
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const codes = await Promise.all(Array.from({ length: 16 }, () => upload(Array(5).fill(tenMb) as string[])));
clearInterval(sampler);
console.log(`16 parallel uploads of 5 × 10 MB: ${tally(codes)}; RSS ${(rssBefore / 1e6).toFixed(0)} MB → peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - rssBefore) / 1e6).toFixed(0)} MB)`);

// (b) sign-ins while huge and large photos are uploaded
const huge = path.join(folder, 'huge.png');
fs.writeFileSync(huge, makeHugePng(16_383, 16_383));
const large = path.join(folder, 'large.jpg');
await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#557799' } }).jpeg({ quality: 80 }).toFile(large);
const idle = await login();
const pressure = Promise.all([...Array.from({ length: 12 }, () => upload([huge])), ...Array.from({ length: 12 }, () => upload([large]))]);
const during: number[] = [];
for (let i = 0; i < 5; i++) during.push((await login()).ms);
const pressureCodes = await pressure;
console.log(`sign-in alone ${idle.ms.toFixed(0)} ms; during 12 uploads of 16,383² px and 12 of 6,000² px (${tally(pressureCodes)}): ${during.map((ms) => ms.toFixed(0)).join(', ')} ms`);
const left = fs.readdirSync(path.join(config.uploadDir, '.incoming'));
console.log(`temporary upload files left: ${left.length}`);

server.close();
db.close();
fs.rmSync(folder, { recursive: true, force: true });
