import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '@shared/audit';
import { createAuditRepository } from '../../server/src/features/audit';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

let s: SecuredApp;
let admin: string;

/** Entries around the Asia/Shanghai day boundary: 2026-03-01T16:00Z is 2 March 00:00 in Shanghai. */
const ENTRIES = [
  { at: '2026-02-28T15:59:59.999Z', username: 'planner', action: 'update' }, // 28 Feb 23:59:59.999 Shanghai
  { at: '2026-02-28T16:00:00.000Z', username: 'planner', action: 'login' }, // 1 Mar 00:00 Shanghai
  { at: '2026-03-01T15:59:59.999Z', username: 'mallory', action: 'login_failed' }, // 1 Mar 23:59:59.999 Shanghai
  { at: '2026-03-01T16:00:00.000Z', username: 'mallory', action: 'login_failed' }, // 2 Mar 00:00 Shanghai
];

beforeAll(async () => {
  s = await createSecuredApp();
  admin = await s.cookieFor('admin');
  const audit = createAuditRepository(s.db);
  for (const e of ENTRIES) audit.record({ userId: null, username: e.username, action: e.action, entity: 'audit-test', entityId: null, summary: {} }, e.at);
});

const get = (query: string, cookie = admin) => request(s.app).get(`/api/audit?entity=audit-test&${query}`).set('Cookie', cookie);
const ats = async (query: string): Promise<string[]> => {
  const res = await get(query);
  expect(res.status).toBe(200);
  const page = res.body as AuditPage;
  expect(page.total).toBe(page.entries.length);
  return page.entries.map((e) => e.at);
};

describe('GET /api/audit filters', () => {
  it('filters by user, by action and by both', async () => {
    expect(await ats('user=mallory')).toEqual(['2026-03-01T16:00:00.000Z', '2026-03-01T15:59:59.999Z']);
    expect(await ats('action=login_failed')).toEqual(['2026-03-01T16:00:00.000Z', '2026-03-01T15:59:59.999Z']);
    expect(await ats('user=planner&action=login')).toEqual(['2026-02-28T16:00:00.000Z']);
    expect(await ats('user=nobody')).toEqual([]);
  });

  it('takes from/to as whole days in Asia/Shanghai, both included', async () => {
    expect(await ats('from=2026-03-01&to=2026-03-01')).toEqual(['2026-03-01T15:59:59.999Z', '2026-02-28T16:00:00.000Z']);
    expect(await ats('from=2026-03-02')).toEqual(['2026-03-01T16:00:00.000Z']);
    expect(await ats('to=2026-02-28')).toEqual(['2026-02-28T15:59:59.999Z']);
    expect(await ats('from=2026-02-28&to=2026-03-02&user=mallory&action=login_failed')).toHaveLength(2);
  });

  it('counts all matches while paging', async () => {
    const res = await get('action=login_failed&limit=1&offset=1');
    expect(res.body.total).toBe(2);
    expect(res.body.entries.map((e: { at: string }) => e.at)).toEqual(['2026-03-01T15:59:59.999Z']);
  });

  it('refuses bad or unbounded filters with 400 and a reason', async () => {
    for (const q of ['from=2026-02-30', 'from=20260301', 'to=1999-12-31', 'from=2026-03-02&to=2026-03-01', 'action=DROP%20TABLE', `user=${'x'.repeat(65)}`, 'limit=501', 'offset=-1', 'offset=1000001', 'colour=red']) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.message, q).toEqual(expect.any(String));
    }
  });

  it('is for admins only', async () => {
    expect((await get('user=planner', await s.cookieFor('planner'))).status).toBe(403);
    expect((await request(s.app).get('/api/audit')).status).toBe(401);
  });
});
