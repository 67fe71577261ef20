import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/src/app';
import { PROJECT_ROOT, testConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDemoData } from '../../server/src/seed/demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { seedDatabase } from '../../server/src/seed/seed';
import { machineLine, percentile, writeBenchSection } from './lib';

const CALLS = 200;
const WARM_UP = 20;
const COMMUNITY = '330102001055';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-bench-overview-'));
const dataDir = path.join(PROJECT_ROOT, 'data');
const db = openDatabase(path.join(tmp, 'bench.sqlite'));
seedDatabase(db, dataDir);
const seeded = await seedDemoData(db, { uploadDir: path.join(tmp, 'uploads') });
const app = createApp({ db, config: testConfig({ dataDir, uploadDir: path.join(tmp, 'uploads') }) });
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function signIn(): Promise<string> {
  const leader = DEMO_ACCOUNTS.find((a) => a.role === 'leader')!;
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: leader.username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('qingbo_session='))!.split(';')[0]!;
}

/** Milliseconds of `CALLS` sequential GETs of one URL over loopback (after a warm-up), with the body size. */
async function measure(url: string, cookie: string): Promise<{ ms: number[]; bytes: number }> {
  let bytes = 0;
  const ms: number[] = [];
  for (let i = 0; i < WARM_UP + CALLS; i += 1) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { Cookie: cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= WARM_UP) ms.push(performance.now() - t0);
    bytes = body.byteLength;
  }
  return { ms, bytes };
}

try {
  const cookie = await signIn();
  const rows: string[] = [];
  for (const [label, query] of [['district', ''], [`community ${COMMUNITY}`, `?community=${COMMUNITY}`]] as const) {
    const { ms, bytes } = await measure(`${base}/api/overview${query}`, cookie);
    const [p50, p95, max] = [percentile(ms, 50), percentile(ms, 95), Math.max(...ms)];
    console.log(`${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KiB`);
    rows.push(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} | ${(bytes / 1024).toFixed(1)} | ${p95 < 50 ? 'yes' : '**no**'} |`);
  }
  const file = writeBenchSection('overview', [
    '## `GET /api/overview` on the demo year',
    '',
    `${CALLS} sequential calls over loopback (after ${WARM_UP} warm-up calls) as the leader, against the demo district with its 2011 history `
      + `(${seeded.history.registered.toLocaleString('en')} registered and ${seeded.history.rejected} rejected cases) in a file database. `
      + 'Each answer computes every card and chart from the cases (no cache). Target: p95 under 50 ms.',
    '',
    '| scope | p50 ms | p95 ms | max ms | body KiB | under 50 ms |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Machine: ${machineLine()}. Run: \`npm run bench -- overview\`.`,
  ].join('\n'));
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
} finally {
  server.close();
  server.closeAllConnections();
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
