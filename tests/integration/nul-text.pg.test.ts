import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

// PostgreSQL cannot store U+0000 in text or jsonb (SQLSTATE 22021 / 22P05): where a NUL reaches the database it
// is a 400 naming the reason, never a 500 (found by tests/security/hostile.property.test.ts, which runs on SQLite)
describe('a NUL character on PostgreSQL', () => {
  let s: SecuredApp;
  beforeAll(async () => {
    s = await createSecuredApp();
  });

  it('answers 400 unstorable_text to a sign-in whose name holds a NUL, and the real account still signs in', async () => {
    const res = await request(s.app).post('/api/auth/login').send({ username: 'in\u0000spector', password: 'wrong' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unstorable_text');
    expect((await request(s.app).post('/api/auth/login').send({ username: 'inspector', password: 'qingbo2011' })).status).toBe(200);
  });

  it('answers 400 to an OGC write on a collection name holding a NUL, and changes nothing', async () => {
    const cookie = await s.cookieFor('admin');
    const before = s.db.prepare('SELECT count(*) FROM features').pluck().get();
    const res = await request(s.app).delete('/ogc/collections/alleys%00x/items/1').set('Cookie', cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unstorable_text');
    expect(s.db.prepare('SELECT count(*) FROM features').pluck().get()).toBe(before);
  });
});
