import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { DEMO_API_KEY, seedDemoApiKey } from '../../server/src/open311/api-keys';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../../server/src/seed/demo-accounts';
import { seedDatabase } from '../../server/src/seed/seed';
import { caseBody, HEFANG } from '../helpers/cases';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { createTestDatabaseUrl } from '../helpers/test-db';

// Cases and Open311 with two server processes on one PostgreSQL database (#14 item 2): what one process checks
// before it writes (the idempotency key, the last case number, the api_key's budget) must hold for both.
const RATE = 4;
let servers: ServerProcess[] = [];
let urls: string[] = [];
let cookie = '';

beforeAll(async () => {
  const databaseUrl = createTestDatabaseUrl();
  const db = openDatabase(databaseUrl);
  seedDatabase(db, path.join(PROJECT_ROOT, 'data'));
  await seedDemoAccounts(db);
  seedDemoApiKey(db);
  db.close();
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: path.join(PROJECT_ROOT, 'data'), UPLOAD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-cases-processes-')), OPEN311_RATE_LIMIT: String(RATE) };
  servers = [spawnServer('server/src/index.ts', env), spawnServer('server/src/index.ts', env)];
  urls = await Promise.all(servers.map(async (s) => String((await s.waitForLog((l) => l.msg === 'Qingbo One Map is listening')).url)));
  const inspector = DEMO_ACCOUNTS.find((a) => a.role === 'inspector')!;
  const login = await request(urls[0]!).post('/api/auth/login').send({ username: inspector.username, password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
}, 180_000);

afterAll(async () => {
  for (const s of servers) {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) continue;
    s.proc.kill('SIGTERM');
    const stopped = await Promise.race([s.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]);
    if (!stopped) s.proc.kill('SIGKILL');
  }
}, 30_000);

const file = (url: string, body: Record<string, unknown>) => request(url).post('/api/cases').set('Cookie', cookie).send(body);

describe('two server processes filing cases on one PostgreSQL database', () => {
  it('file one case for an idempotency key sent to both at once, and answer both with it', async () => {
    const body = caseBody({ description: '两个进程同时收到同一上报' });
    const answers = await Promise.all(urls.map((url) => file(url, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.body.case.number).toBe(answers[1]!.body.case.number);
    const retry = await file(urls[1]!, body);
    expect([retry.status, retry.body.case.number]).toEqual([200, answers[0]!.body.case.number]);
  });

  it('give every case its own number when both file at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => file(urls[i % 2]!, caseBody({ description: `同时上报 ${i + 1}` }))));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(201));
    const numbers = answers.map((r) => r.body.case.number as string);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.every((n) => /^QB\d{4}-\d{6}$/.test(n))).toBe(true);
  });

  it('count an api_key\'s Open311 requests on both against one budget', async () => {
    const post = (url: string) => request(url).post('/open311/v2/requests.json').type('form')
      .send({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: String(HEFANG.lat), long: String(HEFANG.lon), description: '限流' });
    const statuses: number[] = [];
    for (let i = 0; i < RATE; i++) statuses.push((await post(urls[i % 2]!)).status);
    expect(statuses).toEqual(Array(RATE).fill(201));
    const refused = await Promise.all(urls.map(post));
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
