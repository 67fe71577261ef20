import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import type { Role } from '@shared/auth';
import { createUserRepository } from '../../server/src/features/auth';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

/** An open event stream read by a raw HTTP request. */
interface Stream {
  text(): string;
  /** Resolves with the whole text once the server has ended the stream, or fails after `ms`. */
  ended(ms?: number): Promise<string>;
  close(): void;
}

let s: SecuredApp;
const servers: http.Server[] = [];
const apps: App[] = [];

beforeAll(async () => {
  s = await createSecuredApp({ sseHeartbeatMs: 60_000 });
});

afterAll(async () => {
  for (const app of apps) app.events.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Listens with an app over the shared database that re-checks sessions every `checkMs`. */
async function listen(checkMs: number, publicRead = true): Promise<{ app: App; base: string }> {
  const app = createApp({ db: s.db, config: { ...s.config, sseSessionCheckMs: checkMs, publicRead } });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  apps.push(app);
  return { app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A fresh session of the demo account of a role (not shared: tests end them). */
async function signIn(app: App, role: Role): Promise<string> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const res = await request(app).post('/api/auth/login').send({ username: account.username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return String(res.headers['set-cookie']![0]).split(';')[0]!;
}

function connect(base: string, cookie?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) } }, (res) => {
      expect(res.statusCode).toBe(200);
      let buffer = '';
      let done = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
      });
      const finished = new Promise<void>((r) => res.on('end', () => {
        done = true;
        r();
      }));
      resolve({
        text: () => buffer,
        ended: (ms = 3000) => Promise.race([
          finished.then(() => buffer),
          new Promise<string>((_, fail) => setTimeout(() => fail(new Error(`stream still open: ${JSON.stringify(buffer)}`)), ms).unref()),
        ]),
        close: () => {
          if (!done) req.destroy();
        },
      });
    });
    req.on('error', reject);
  });
}

const endEvents = (text: string) => text.split('\n\n').filter((f) => f.startsWith('event: end\n')).map((f) => JSON.parse(/^data: (.*)$/m.exec(f)![1]!));
const waitFor = async (check: () => boolean, ms = 2000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return;
  throw new Error('timed out');
};

describe('a running /api/events stream and its session', () => {
  it('ends at once with `end` {reason: signed_out} when its session signs out, and only that stream', async () => {
    const { app, base } = await listen(60_000);
    const cookie = await signIn(app, 'supervisor');
    const mine = await connect(base, cookie);
    const other = await connect(base, await signIn(app, 'supervisor'));
    const anonymous = await connect(base);
    await waitFor(() => app.events.size() === 3);
    expect((await request(app).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    const text = await mine.ended(1000);
    expect(endEvents(text)).toEqual([{ reason: 'signed_out' }]);
    await waitFor(() => app.events.size() === 2);
    expect(endEvents(other.text())).toEqual([]);
    expect(endEvents(anonymous.text())).toEqual([]);
    other.close();
    anonymous.close();
    await waitFor(() => app.events.size() === 0);
  });

  it('ends with {reason: session_ended} once its account is disabled', async () => {
    const { app, base } = await listen(50);
    const stream = await connect(base, await signIn(app, 'leader'));
    await new Promise((r) => setTimeout(r, 150));
    expect(endEvents(stream.text())).toEqual([]);
    const users = createUserRepository(s.db);
    const leader = users.findByUsername('leader')!;
    users.setDisabled(leader.id, true, new Date().toISOString());
    try {
      expect(endEvents(await stream.ended())).toEqual([{ reason: 'session_ended' }]);
      await waitFor(() => app.events.size() === 0);
    } finally {
      users.setDisabled(leader.id, false, new Date().toISOString());
    }
  });

  it('ends with {reason: session_ended} once its session expires, and a reconnect is refused when reading needs a session', async () => {
    const { app, base } = await listen(50, false);
    const cookie = await signIn(app, 'dispatcher');
    const stream = await connect(base, cookie);
    s.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect(endEvents(await stream.ended())).toEqual([{ reason: 'session_ended' }]);
    const again = await request(app).get('/api/events').set('Accept', 'text/event-stream').set('Cookie', cookie);
    expect(again.status).toBe(401);
  });
});
