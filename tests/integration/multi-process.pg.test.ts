import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/auth';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { seedDatabase } from '../../server/src/seed/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import { caseBody, HEFANG } from '../helpers/cases';
import { framesOf, openEventStream, spawnServer, type ServerProcess } from '../helpers/server-process';
import { createTestDatabaseUrl } from '../helpers/test-db';
import { binaryParser, decodeTile, tileOf } from '../helpers/tiles';

// Two deployments of the console on one PostgreSQL database, as separate OS processes (#14 "Tests"):
// A is one server process (server/src/index.ts); B is `npm start` with WORKERS=2 (a supervisor and two workers on one port).
let a: ServerProcess;
let b: ServerProcess;
let urlA: string;
let urlB: string;
const cookies = new Map<Role, string>();

/** Signs a demo account in on server A (once) and returns its session cookie. */
async function cookieFor(role: Role): Promise<string> {
  const known = cookies.get(role);
  if (known) return known;
  const account = DEMO_ACCOUNTS.find((d) => d.role === role)!;
  const res = await request(urlA).post('/api/auth/login').send({ username: account.username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login as ${role} on A failed: ${res.status} ${res.text}`);
  const cookie = String(res.headers['set-cookie']![0]).split(';')[0]!;
  cookies.set(role, cookie);
  return cookie;
}

/** Files a case on a server as the inspector; returns the case. */
async function fileCaseOn(base: string, description: string): Promise<{ id: number; number: string }> {
  const res = await request(base).post('/api/cases').set('Cookie', await cookieFor('inspector')).send(caseBody({ description }));
  expect(res.status).toBe(201);
  return res.body.case as { id: number; number: string };
}

/** How many cases the `cases` tile around Hefang Street shows on a server. */
async function casesInTile(base: string): Promise<number> {
  const t = tileOf(HEFANG.lon, HEFANG.lat, 16);
  const res = await request(base).get(`/tiles/cases/${t.z}/${t.x}/${t.y}.mvt`).set('Cookie', await cookieFor('leader')).buffer(true).parse(binaryParser as never);
  if (res.status === 204) return 0;
  expect(res.status).toBe(200);
  return decodeTile(res.body as Buffer).layers.cases?.length ?? 0;
}

const workersReady = (s: ServerProcess) => s.logs().filter((l) => l.msg === 'worker ready');

beforeAll(async () => {
  const databaseUrl = createTestDatabaseUrl();
  const dataDir = path.join(PROJECT_ROOT, 'data');
  const db = openDatabase(databaseUrl);
  seedDatabase(db, dataDir);
  await seedDemoAccounts(db);
  db.close();
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-multi-uploads-')) };
  a = spawnServer('server/src/index.ts', env);
  b = spawnServer('scripts/start.ts', { ...env, WORKERS: '2' });
  urlA = String((await a.waitForLog((l) => l.msg === 'Qingbo One Map is listening')).url);
  const firstB = await b.waitForLog((l) => l.msg === 'worker ready');
  await b.waitForLog((l) => l.msg === 'worker ready' && l.workerPid !== firstB.workerPid);
  urlB = String(firstB.url);
}, 180_000);

afterAll(async () => {
  for (const s of [a, b]) {
    if (!s || s.proc.exitCode !== null || s.proc.signalCode !== null) continue;
    s.proc.kill('SIGTERM');
    const stopped = await Promise.race([s.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!stopped) s.proc.kill('SIGKILL');
  }
}, 30_000);

describe('two server processes on one PostgreSQL database', () => {
  it('run on different ports, B as two workers of npm start', () => {
    expect(new URL(urlA).port).not.toBe(new URL(urlB).port);
    expect(new Set(workersReady(b).map((l) => l.workerPid)).size).toBe(2);
  });

  it('share sign-ins: a session made on A is valid on B, and signing out on B ends it on A', async () => {
    const account = DEMO_ACCOUNTS.find((d) => d.role === 'planner')!;
    const login = await request(urlA).post('/api/auth/login').send({ username: account.username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
    const me = await request(urlB).get('/api/auth/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: account.username, role: 'planner' });
    expect((await request(urlB).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await request(urlA).get('/api/auth/me').set('Cookie', cookie)).body).toEqual({ user: null });
  });

  it('sends a case filed on A to a live stream on B within 2 s, and B\'s cached tile shows it', async () => {
    const before = await casesInTile(urlB);
    expect(await casesInTile(urlB)).toBe(before); // both of B's workers have the tile cached now
    const stream = await openEventStream(urlB, { Cookie: await cookieFor('leader') });
    try {
      await stream.until(/: connected/);
      const filed = await fileCaseOn(urlA, '多进程测试：A 立案，B 实时收到');
      await stream.until(new RegExp(`event: case\\.created\\ndata: \\{"id":${filed.id},`), 2000);
      expect(framesOf(stream.text(), 'case.created').map((f) => f.data)).toEqual([expect.objectContaining({ id: filed.id, number: filed.number, state: 'reported' })]);
      expect(await casesInTile(urlB)).toBe(before + 1);
      expect(await casesInTile(urlB)).toBe(before + 1);
    } finally {
      stream.close();
    }
  });

  it('refuses on A with 412 an edit carrying the ETag an edit on B has outdated', async () => {
    const filed = await fileCaseOn(urlA, '多进程测试：并发修改');
    const supervisor = await cookieFor('supervisor');
    const seen = await request(urlA).get(`/api/cases/${filed.id}`).set('Cookie', supervisor);
    const etag = seen.headers.etag!;
    expect(etag).toBeTruthy();
    const onB = await request(urlB).post(`/api/cases/${filed.id}/actions/register`).set('Cookie', supervisor).set('If-Match', etag).send({});
    expect(onB.status).toBe(200);
    const onA = await request(urlA).post(`/api/cases/${filed.id}/actions/void`).set('Cookie', supervisor).set('If-Match', etag).send({ reason: '重复' });
    expect(onA.status).toBe(412);
    expect((await request(urlA).get(`/api/cases/${filed.id}`).set('Cookie', supervisor)).body.case.state).toBe('registered');
  });

  it('restarts a worker of B killed with SIGKILL; a stream reconnecting to B with Last-Event-ID gets what it missed', async () => {
    const leader = await cookieFor('leader');
    const stream = await openEventStream(urlB, { Cookie: leader });
    await stream.until(/: connected/);
    const seen = await fileCaseOn(urlA, '多进程测试：断线前');
    await stream.until(new RegExp(`"id":${seen.id},`), 2000);
    const lastId = framesOf(stream.text(), 'case.created').at(-1)!.id;

    const readyBefore = workersReady(b).length;
    const killed = workersReady(b)[0]!.workerPid as number;
    process.kill(killed, 'SIGKILL');
    stream.close(); // it may have been served by the killed worker or by the other one: a browser reconnects in either case
    const missed = await fileCaseOn(urlA, '多进程测试：断线期间');

    // the other worker holds B's port meanwhile: the reconnect reaches it and is replayed what it missed
    const again = await openEventStream(urlB, { Cookie: leader, 'Last-Event-ID': String(lastId) });
    try {
      await again.until(new RegExp(`event: case\\.created\\ndata: \\{"id":${missed.id},`), 2000);
      expect(framesOf(again.text(), 'case.created').map((f) => f.data.id)).toEqual([missed.id]);
    } finally {
      again.close();
    }

    await b.waitForLog(() => workersReady(b).length > readyBefore);
    const restarted = workersReady(b)[readyBefore]!;
    expect(restarted.workerPid).not.toBe(killed);
    expect(b.logs()).toContainEqual(expect.objectContaining({ msg: 'worker killed by SIGKILL; restarting', workerPid: killed, signal: 'SIGKILL' }));
    expect((await request(urlB).get('/api/health')).status).toBe(200);
  }, 120_000);
});
