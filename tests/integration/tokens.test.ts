import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let planner: string;
let admin: string;
beforeAll(async () => {
  s = await createSecuredApp({ loginAttemptsPerMinute: 1000 });
  planner = await s.cookieFor('planner');
  admin = await s.cookieFor('admin');
});

const room = (name: string) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [120.161, 30.241] }, properties: { name, name_en: `Room ${name}`, status: 'open', households_served: 12 },
});

async function newToken(cookie: string, body: Record<string, unknown> = { label: 'QGIS' }) {
  const res = await request(s.app).post('/api/auth/tokens').set('Cookie', cookie).send(body);
  expect(res.status, res.text).toBe(201);
  return res.body as { token: string; info: { id: number; prefix: string; username: string; expiresAt: string | null } };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const postRoom = (token: string, name: string) => request(s.app).post('/ogc/collections/garbage-rooms/items')
  .set(bearer(token)).set('Content-Type', 'application/geo+json').send(JSON.stringify(room(name)));

describe('personal access tokens', () => {
  it('are shown once, stored only as a SHA-256 hash with a visible prefix', async () => {
    const { token, info } = await newToken(planner, { label: '笔记本 QGIS', expiresInDays: 30 });
    expect(token).toMatch(/^qbt_[\w-]{43}$/);
    expect(info).toMatchObject({ username: 'planner', label: '笔记本 QGIS', prefix: token.slice(0, 12), revokedAt: null, lastUsedAt: null });
    expect(Date.parse(info.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const stored = s.db.prepare('SELECT * FROM access_tokens WHERE id = ?').get(info.id) as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(token.slice(12));
    const list = await request(s.app).get('/api/auth/tokens').set('Cookie', planner);
    expect(list.body.tokens.map((t: { id: number }) => t.id)).toContain(info.id);
    expect(list.text).not.toContain(token.slice(12));
  });

  it('write through OGC Part 4 with the owner\'s role, audited as via a token', async () => {
    const { token, info } = await newToken(planner);
    const res = await postRoom(token, '令牌新建');
    expect(res.status, res.text).toBe(201);
    const audit = await request(s.app).get('/api/audit?entity=feature:garbage-rooms&limit=1').set('Cookie', admin);
    expect(audit.body.entries[0]).toMatchObject({ username: 'planner', action: 'create', summary: expect.objectContaining({ via: 'token', token: info.prefix }) });
    const used = (await request(s.app).get('/api/auth/tokens').set('Cookie', planner)).body.tokens.find((t: { id: number }) => t.id === info.id);
    expect(used.lastUsedAt).not.toBeNull();
    expect((await request(s.app).get('/api/auth/me').set(bearer(token))).body.user.username).toBe('planner');
  });

  it('carry only their owner\'s role: a leader\'s token cannot write', async () => {
    const { token } = await newToken(await s.cookieFor('leader'));
    expect((await postRoom(token, '越权')).status).toBe(403);
  });

  it('answer 401 at once when revoked, unknown or expired', async () => {
    const { token, info } = await newToken(planner);
    expect((await postRoom(token, '撤销前')).status).toBe(201);
    expect((await request(s.app).delete(`/api/auth/tokens/${info.id}`).set('Cookie', planner)).status).toBe(204);
    const refused = await postRoom(token, '撤销后');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_token');
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect((await request(s.app).get('/ogc/collections').set(bearer('qbt_nope'))).status).toBe(401);
    const expiring = await newToken(planner);
    s.db.prepare('UPDATE access_tokens SET expires_at = ? WHERE id = ?').run('2020-01-01T00:00:00.000Z', expiring.info.id);
    expect((await postRoom(expiring.token, '过期')).status).toBe(401);
  });

  it('stop working when their account is disabled', async () => {
    const { token } = await newToken(await s.cookieFor('inspector'));
    s.db.prepare("UPDATE users SET disabled = 1 WHERE username = 'inspector'").run();
    expect((await request(s.app).get('/api/auth/me').set(bearer(token))).status).toBe(401);
    s.db.prepare("UPDATE users SET disabled = 0 WHERE username = 'inspector'").run();
  });

  it('refuse a request with both the session cookie and a token', async () => {
    const { token } = await newToken(planner);
    const res = await request(s.app).post('/ogc/collections/garbage-rooms/items').set('Cookie', planner).set(bearer(token))
      .set('Content-Type', 'application/geo+json').send(JSON.stringify(room('两者')));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ambiguous_credentials');
  });

  it('are not held to the CSRF origin check, which guards cookies', async () => {
    const { token } = await newToken(planner);
    const res = await postRoom(token, '跨站').set('Origin', 'https://elsewhere.example').set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(201);
  });

  it('cannot manage tokens themselves: that needs a signed-in session', async () => {
    const { token } = await newToken(planner);
    expect((await request(s.app).post('/api/auth/tokens').set(bearer(token)).send({ label: 'more' })).status).toBe(403);
    expect((await request(s.app).get('/api/auth/tokens').set(bearer(token))).status).toBe(403);
  });

  it('are revoked only by their owner or an admin; another user gets a 404', async () => {
    const { info } = await newToken(planner);
    expect((await request(s.app).delete(`/api/auth/tokens/${info.id}`).set('Cookie', await s.cookieFor('supervisor'))).status).toBe(404);
    expect((await request(s.app).delete(`/api/auth/tokens/${info.id}`).set('Cookie', admin)).status).toBe(204);
    const audit = await request(s.app).get('/api/audit?entity=token&limit=1').set('Cookie', admin);
    expect(audit.body.entries[0]).toMatchObject({ username: 'admin', action: 'token_revoke', entityId: String(info.id) });
  });

  it('are made and listed for another account only by an admin', async () => {
    const made = await newToken(admin, { label: 'for the planner', username: 'planner' });
    expect(made.info.username).toBe('planner');
    const byPlanner = await request(s.app).post('/api/auth/tokens').set('Cookie', planner).send({ label: 'x', username: 'admin' });
    expect(byPlanner.status).toBe(403);
    expect((await request(s.app).get('/api/auth/tokens?username=planner').set('Cookie', admin)).body.tokens.length).toBeGreaterThan(1);
    expect((await request(s.app).get('/api/auth/tokens?username=*').set('Cookie', planner)).status).toBe(403);
  });

  it('validate their body', async () => {
    for (const body of [{}, { label: '' }, { label: 'x'.repeat(65) }, { label: 'x', expiresInDays: 0 }, { label: 'x', extra: 1 }]) {
      const res = await request(s.app).post('/api/auth/tokens').set('Cookie', planner).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await request(s.app).post('/api/auth/tokens').send({ label: 'x' })).status).toBe(401);
  });

  it('are bounded per account', async () => {
    const cookie = await s.cookieFor('dispatcher');
    for (let i = 0; i < 20; i += 1) await newToken(cookie, { label: `t${i}` });
    const res = await request(s.app).post('/api/auth/tokens').set('Cookie', cookie).send({ label: 'one too many' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('too_many_tokens');
  });

  it('read tiles when public read access is off', async () => {
    const closed = await createSecuredApp({ publicRead: false });
    const made = await request(closed.app).post('/api/auth/tokens').set('Cookie', await closed.cookieFor('leader')).send({ label: 'tiles' });
    const path = '/tiles/garbage-rooms/14/13660/6746.mvt';
    expect((await request(closed.app).get(path)).status).toBe(401);
    expect([200, 204]).toContain((await request(closed.app).get(path).set(bearer(made.body.token))).status);
    expect((await request(closed.app).get('/ogc/collections').set(bearer(made.body.token))).status).toBe(200);
  });
});
