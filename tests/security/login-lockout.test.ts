import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';

const login = (s: SecuredApp, ip: string, username: string, password: string) =>
  request(s.app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });

/** What a client sees of an answer: status, error code and message, Retry-After. */
const seen = (res: request.Response) => [res.status, res.body.error?.code ?? null, res.body.error?.message ?? null, res.headers['retry-after'] ?? null];

/** The clock stands still unless a test moves it, so the waits below are exact. */
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T02:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('failed sign-ins per name and address', () => {
  it('lets the right password in from another address after any number of wrong ones (no account lock-out)', async () => {
    const s = await createSecuredApp();
    for (let i = 0; i < 8; i += 1) await login(s, '203.0.113.9', 'admin', `wrong-${i}`);
    for (let i = 0; i < 5; i += 1) await login(s, `198.51.100.${i}`, 'admin', `wrong-${i}`);
    const res = await login(s, '192.0.2.1', 'admin', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('admin');
  });

  it('makes the address wait 1, 2, 4 s after the 3rd, 4th, 5th wrong password, with Retry-After', async () => {
    const s = await createSecuredApp();
    const ip = '203.0.113.10';
    for (let i = 0; i < 3; i += 1) expect((await login(s, ip, 'inspector', 'wrong-pass')).status).toBe(401);
    const first = await login(s, ip, 'inspector', DEMO_PASSWORD);
    expect(seen(first)).toEqual([429, 'too_many_attempts', 'too many login attempts; try again in 1 s', '1']);
    expect(first.body.error.details).toEqual({ retryAfter: 1 });

    advance(1);
    expect((await login(s, ip, 'inspector', 'wrong-pass')).status).toBe(401);
    expect(seen(await login(s, ip, 'inspector', 'wrong-pass')).slice(0, 2)).toEqual([429, 'too_many_attempts']);
    expect((await login(s, ip, 'inspector', 'wrong-pass')).headers['retry-after']).toBe('2');

    advance(2);
    expect((await login(s, ip, 'inspector', 'wrong-pass')).status).toBe(401);
    expect((await login(s, ip, 'inspector', DEMO_PASSWORD)).headers['retry-after']).toBe('4');
  });

  it('caps the wait at 15 minutes', async () => {
    const s = await createSecuredApp({ loginAttemptsPerMinute: 1000 });
    const ip = '203.0.113.11';
    for (let i = 0; i < 14; i += 1) {
      expect((await login(s, ip, 'planner', 'wrong-pass')).status).toBe(401);
      advance(900);
    }
    advance(-900);
    expect((await login(s, ip, 'planner', 'wrong-pass')).headers['retry-after']).toBe('900');
  });

  it('forgets the failures of an address once its right password is accepted', async () => {
    const s = await createSecuredApp();
    const ip = '203.0.113.12';
    for (let i = 0; i < 3; i += 1) await login(s, ip, 'leader', 'wrong-pass');
    advance(1);
    expect((await login(s, ip, 'leader', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await login(s, ip, 'leader', 'wrong-pass')).status).toBe(401);
    expect((await login(s, ip, 'leader', 'wrong-pass')).status).toBe(429);
  });

  it('counts 10 parallel wrong passwords one by one: 3 are checked, 7 are refused', async () => {
    const s = await createSecuredApp();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(s, '203.0.113.13', 'dispatcher', `wrong-${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('still refuses more than 10 attempts a minute from one address (429)', async () => {
    const s = await createSecuredApp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await login(s, '203.0.113.14', `someone-${i}`, 'wrong-pass')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429]);
    advance(60);
    expect((await login(s, '203.0.113.14', 'someone', 'wrong-pass')).status).toBe(401);
  });
});

describe('unknown and known names', () => {
  it('answer alike, however many wrong passwords come', async () => {
    const s = await createSecuredApp();
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 7; i += 1) {
      known.push(seen(await login(s, '203.0.113.20', 'admin', `wrong-${i}`)));
      unknown.push(seen(await login(s, '203.0.113.21', 'no-such-user', `wrong-${i}`)));
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => (k as unknown[])[1])).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'too_many_attempts', 'too_many_attempts', 'too_many_attempts', 'too_many_attempts']);
  });
});

describe('an admin unlock', () => {
  it('lets the account in again at once from the address that had to wait, and is audited', async () => {
    const s = await createSecuredApp();
    const ip = '203.0.113.30';
    for (let i = 0; i < 4; i += 1) await login(s, ip, 'inspector', 'wrong-pass');
    await login(s, '203.0.113.31', 'inspector', 'wrong-pass');
    expect((await login(s, ip, 'inspector', DEMO_PASSWORD)).status).toBe(429);

    const admin = await s.cookieFor('admin');
    const res = await request(s.app).post('/api/auth/users/INSPECTOR/unlock').set('Cookie', admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ username: 'inspector', addresses: 2 });
    expect((await login(s, ip, 'inspector', DEMO_PASSWORD)).status).toBe(200);

    const log = await request(s.app).get('/api/audit?entity=user').set('Cookie', admin);
    expect(log.body.entries).toEqual([expect.objectContaining({ username: 'admin', action: 'unlock', entity: 'user', entityId: 'inspector', summary: { addresses: 2 } })]);
  });

  it('is admin-only and names a missing account with 404', async () => {
    const s = await createSecuredApp();
    const asSupervisor = await request(s.app).post('/api/auth/users/inspector/unlock').set('Cookie', await s.cookieFor('supervisor'));
    expect(asSupervisor.status).toBe(403);
    const missing = await request(s.app).post('/api/auth/users/nobody/unlock').set('Cookie', await s.cookieFor('admin'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('the audit of refused attempts', () => {
  const sessionLog = async (s: SecuredApp) =>
    (await request(s.app).get('/api/audit?entity=session&limit=500').set('Cookie', await s.cookieFor('admin'))).body.entries as { action: string; username: string | null; summary: Record<string, unknown> }[];

  it('writes one entry per address a minute with a count for attempts refused with 429', async () => {
    const s = await createSecuredApp();
    await s.cookieFor('admin');
    for (let i = 0; i < 10; i += 1) await login(s, '203.0.113.40', `guess-${i}`, 'wrong-pass');
    for (let i = 0; i < 20; i += 1) expect((await login(s, '203.0.113.40', `guess-${i}`, 'wrong-pass')).status).toBe(429);
    await login(s, '203.0.113.41', 'planner', 'wrong-pass');

    const log = await sessionLog(s);
    expect(log.filter((e) => e.action === 'login_failed')).toHaveLength(11);
    const refused = log.filter((e) => e.action === 'login_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.summary).toMatchObject({ ip: '203.0.113.40', code: 'too_many_attempts', count: 20 });

    for (let i = 0; i < 5; i += 1) await login(s, '203.0.113.40', 'another', 'wrong-pass');
    const again = (await sessionLog(s)).filter((e) => e.action === 'login_refused');
    expect(again.map((e) => e.summary.count)).toEqual([25]);
  });

  it('starts a new entry for the next minute, and one per address', async () => {
    const s = await createSecuredApp();
    for (let i = 0; i < 12; i += 1) await login(s, '203.0.113.42', `guess-${i}`, 'wrong-pass');
    for (let i = 0; i < 3; i += 1) await login(s, '203.0.113.43', 'dispatcher', 'wrong-pass');
    await login(s, '203.0.113.43', 'dispatcher', 'wrong-pass');
    advance(61);
    for (let i = 0; i < 13; i += 1) await login(s, '203.0.113.42', `guess-${i}`, 'wrong-pass');

    const refused = (await sessionLog(s)).filter((e) => e.action === 'login_refused').map((e) => [e.summary.ip, e.summary.count]);
    expect(refused).toEqual([['203.0.113.42', 3], ['203.0.113.43', 1], ['203.0.113.42', 2]]);
  });
});
