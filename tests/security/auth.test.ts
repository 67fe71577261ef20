import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSecuredApp } from '../helpers/session';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';

describe('login and sessions', () => {
  it('signs in with an HttpOnly, SameSite=Lax cookie, knows the user, and signs out', async () => {
    const { app } = await createSecuredApp();
    const res = await request(app).post('/api/auth/login').send({ username: 'planner', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'planner', role: 'planner' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const setCookie = String(res.headers['set-cookie']![0]);
    expect(setCookie).toMatch(/^qingbo_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;
    expect((await request(app).get('/api/auth/me').set('Cookie', cookie)).body.user.username).toBe('planner');
    expect((await request(app).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    expect((await request(app).get('/api/auth/me').set('Cookie', cookie)).body.user).toBeNull();
  });

  it('refuses a wrong password or an unknown user with the same 401', async () => {
    const { app } = await createSecuredApp();
    const wrong = await request(app).post('/api/auth/login').send({ username: 'planner', password: 'nope-nope' });
    const unknown = await request(app).post('/api/auth/login').send({ username: 'nobody', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('records failed and successful sign-ins in the audit log', async () => {
    const { app, cookieFor } = await createSecuredApp();
    await request(app).post('/api/auth/login').send({ username: 'planner', password: 'nope-nope' });
    const res = await request(app).get('/api/audit?entity=session').set('Cookie', await cookieFor('admin'));
    const actions = res.body.entries.map((e: { action: string; username: string }) => `${e.action}:${e.username}`);
    expect(actions).toEqual(['login:admin', 'login_failed:planner']);
    expect(res.body.entries[1].summary.code).toBe('invalid_credentials');
  });

  it('names the missing field of a malformed login', async () => {
    const { app } = await createSecuredApp();
    const res = await request(app).post('/api/auth/login').send({ username: 'planner' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('password');
  });

  it('throttles brute force from one client with 429', async () => {
    const { app } = await createSecuredApp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await request(app).post('/api/auth/login').send({ username: `user${i}`, password: 'guess-guess' })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('refuses disabled accounts and ends their sessions', async () => {
    const { app, db, cookieFor } = await createSecuredApp();
    const cookie = await cookieFor('leader');
    db.prepare("UPDATE users SET disabled = 1 WHERE username = 'leader'").run();
    expect((await request(app).get('/api/auth/me').set('Cookie', cookie)).body.user).toBeNull();
    expect((await request(app).post('/api/auth/login').send({ username: 'leader', password: DEMO_PASSWORD })).status).toBe(403);
  });

  it('ignores an expired session', async () => {
    const { app, db, cookieFor } = await createSecuredApp();
    const cookie = await cookieFor('admin');
    db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect((await request(app).get('/api/audit').set('Cookie', cookie)).status).toBe(401);
  });

  it('stores only hashes of passwords and session tokens', async () => {
    const { db, cookieFor } = await createSecuredApp();
    const token = (await cookieFor('admin')).split('=')[1]!;
    const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    expect(hashes.every((h) => h.startsWith('scrypt$') && !h.includes(DEMO_PASSWORD))).toBe(true);
    expect(db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(token)).toBe(0);
  });
});
