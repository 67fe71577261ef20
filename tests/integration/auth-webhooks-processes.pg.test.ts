import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { PROJECT_ROOT } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { createWebhookRepository } from '../../server/src/features/notifications/webhook-repository';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { caseIn } from '../helpers/cases';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { createTestDatabaseUrl } from '../helpers/test-db';

// Two apps on two connections to one PostgreSQL database stand for two server processes (#14 item 2):
// what they must share lives in the database, never in one process's memory.
const received: string[] = [];
let receiver: http.Server;
let a: SecuredApp;
let b: App;
let dbB: Db;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.url!);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = createTestDatabaseUrl();
  const host = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  a = await createSecuredApp({ webhookHosts: [host] }, path.join(PROJECT_ROOT, 'data'), { db: openDatabase(url) });
  dbB = openDatabase(url);
  b = createApp({ db: dbB, config: a.config });
  const hook = await request(a.app).post('/api/notifications/webhooks').set('Cookie', await a.cookieFor('admin'))
    .send({ name: 'once', kind: 'generic', url: `http://${host}/once`, events: ['case.dispatched'] });
  expect(hook.status).toBe(201);
});

afterAll(async () => {
  for (const app of [a.app, b]) {
    app.notifications.close();
    app.events.close();
  }
  dbB.close();
  a.db.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

const login = (app: App, ip: string, username: string, password = 'wrong-pass') =>
  request(app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

describe('two processes on one PostgreSQL database', () => {
  it('count the sign-in attempts of an address and the wrong passwords of a name together', async () => {
    // the clock stands still, so the waits are exact
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T02:00:00.000Z'));
    try {
      await attemptsAcrossProcesses();
    } finally {
      vi.useRealTimers();
    }
  });

  async function attemptsAcrossProcesses(): Promise<void> {
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i += 1) expect((await login(a.app, ip, `nobody-${i}`)).status).toBe(401);
    for (let i = 5; i < 10; i += 1) expect((await login(b, ip, `nobody-${i}`)).status).toBe(401);
    for (const app of [a.app, b]) {
      const refused = await login(app, ip, 'nobody-10');
      expect([refused.status, refused.body.error.code]).toEqual([429, 'too_many_attempts']);
      expect(refused.headers['retry-after']).toBe('60');
    }

    const other = '203.0.113.78';
    // names compare case-insensitively, as on SQLite
    for (const [app, name] of [[a.app, 'inspector'], [b, 'Inspector'], [a.app, 'INSPECTOR']] as const) expect((await login(app, other, name)).status).toBe(401);
    const waits = await login(b, other, 'inspector', DEMO_PASSWORD);
    expect([waits.status, waits.body.error.message, waits.headers['retry-after']]).toEqual([429, 'too many login attempts; try again in 1 s', '1']);
    const elsewhere = await login(b, '203.0.113.79', 'Inspector', DEMO_PASSWORD);
    expect([elsewhere.status, elsewhere.body.user?.username]).toEqual([200, 'inspector']);
  }

  it('send a queued webhook delivery once, and take over one whose process died while it held it', async () => {
    received.length = 0;
    await caseIn(a, 'dispatched');
    await Promise.all([a.app.notifications.flush(), b.notifications.flush(), a.app.notifications.flush()]);
    expect(received).toEqual(['/once']);

    // A stops (its worker with it) after claiming the next delivery and before sending it
    a.app.notifications.close();
    await caseIn(a, 'dispatched');
    const now = Date.now();
    const claimed = createWebhookRepository(a.db).claimDue(new Date(now).toISOString(), new Date(now + 120_000).toISOString());
    expect(claimed).toMatchObject({ event: 'case.dispatched', attempts: 0 });
    expect(await b.notifications.flush(new Date(now + 60_000))).toBe(0);
    expect(await b.notifications.flush(new Date(now + 121_000))).toBe(1);
    expect(received).toEqual(['/once', '/once']);
    const hook = (await request(b).get('/api/notifications/webhooks').set('Cookie', await a.cookieFor('admin'))).body.webhooks[0];
    expect(hook.recent.slice(0, 2).map((d: { state: string; attempts: number }) => [d.state, d.attempts])).toEqual([['sent', 1], ['sent', 1]]);
  });
});
