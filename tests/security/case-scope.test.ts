import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, caseIn, createCasesApp, fileCase } from '../helpers/cases';
import { makeJpeg, uploadPhotos } from '../helpers/photos';
import type { SecuredApp } from '../helpers/session';
import { hashPassword, createUserRepository } from '../../server/src/features/auth';

const OTHER_PASSWORD = 'other-inspector-1';

let s: SecuredApp;
/** The session of a second inspector, who reports none of the cases below. */
let other: string;

beforeAll(async () => {
  s = await createCasesApp();
  createUserRepository(s.db).insert({ username: 'inspector2', displayName: '巡查员 二', role: 'inspector', passwordHash: await hashPassword(OTHER_PASSWORD) }, new Date().toISOString());
  const res = await request(s.app).post('/api/auth/login').send({ username: 'inspector2', password: OTHER_PASSWORD });
  other = String(res.headers['set-cookie']![0]).split(';')[0]!;
});

const asOther = (path: string) => request(s.app).post(path).set('Cookie', other);

describe('verification at feedback', () => {
  it('is refused to an inspector who did not report the case', async () => {
    const id = await caseIn(s, 'feedback');
    const close = await asOther(`/api/cases/${id}/actions/close`).send({});
    expect(close.status).toBe(403);
    expect(close.body.error.code).toBe('not_reporter');
    const rework = await asOther(`/api/cases/${id}/actions/rework`).send({ note: '没有处理' });
    expect(rework.status).toBe(403);
    const page = await request(s.app).get(`/api/cases/${id}`).set('Cookie', other);
    expect(page.body.case.nextActions).toEqual([]);
    expect(page.body.case.state).toBe('feedback');
  });

  it('is open to the inspector who reported the case', async () => {
    const id = await caseIn(s, 'feedback');
    const page = await request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor('inspector'));
    expect(page.body.case.nextActions).toEqual(['close', 'rework']);
    const res = await act(s, 'inspector', id, 'close', { note: '核查通过' });
    expect(res.status).toBe(200);
    expect(res.body.case.state).toBe('closed');
  });

  it('is open to the supervision centre for any case', async () => {
    const id = await caseIn(s, 'feedback');
    expect((await act(s, 'supervisor', id, 'rework', { note: '仍有油污' })).body.case.state).toBe('handling');
  });

  it('of a case a supervisor filed is refused to every inspector', async () => {
    const filed = await fileCase(s, {}, 'supervisor');
    const id = filed.body.case.id as number;
    await act(s, 'supervisor', id, 'register');
    await act(s, 'dispatcher', id, 'dispatch');
    await act(s, 'handler', id, 'accept');
    await uploadPhotos(s, 'handler', id, 'after');
    await act(s, 'handler', id, 'feedback', { note: '已清洗路面' });
    expect((await act(s, 'inspector', id, 'close')).status).toBe(403);
    expect((await act(s, 'supervisor', id, 'close')).status).toBe(200);
  });

  it('counts only the inspector\'s own reports in its verification queue', async () => {
    const queue = async (cookie: string) =>
      (await request(s.app).get('/api/cases/queues').set('Cookie', cookie)).body.queues.find((q: { key: string }) => q.key === 'to-verify');
    await caseIn(s, 'feedback');
    const mine = await queue(await s.cookieFor('inspector'));
    const theirs = await queue(other);
    expect(theirs).toMatchObject({ count: 0, reporter: 'me' });
    expect(mine.count).toBeGreaterThanOrEqual(1);
  });
});

describe('"before" photos', () => {
  const upload = async (cookie: string, id: number) =>
    request(s.app).post(`/api/cases/${id}/photos`).set('Cookie', cookie).field('kind', 'before').attach('photos', await makeJpeg(), 'before.jpg');

  it('are refused on a case someone else reported, to inspectors and supervisors', async () => {
    const id = await caseIn(s, 'reported');
    const byOther = await upload(other, id);
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.code).toBe('not_reporter');
    expect((await upload(await s.cookieFor('supervisor'), id)).status).toBe(403);
    const page = await request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor('inspector'));
    expect(page.body.case.photos).toEqual([]);
  });

  it('are taken from the case\'s reporter and from an admin', async () => {
    const id = await caseIn(s, 'registered');
    expect((await upload(await s.cookieFor('inspector'), id)).status).toBe(201);
    expect((await upload(await s.cookieFor('admin'), id)).status).toBe(201);
  });
});

describe('KPIs', () => {
  let kpiApp: SecuredApp;
  beforeAll(async () => {
    kpiApp = await createCasesApp();
    await caseIn(kpiApp, 'dispatched');
    await caseIn(kpiApp, 'dispatched');
    await caseIn(kpiApp, 'dispatched', { category: 'C04-03' });
  });
  const kpis = async (role: 'handler' | 'dispatcher' | 'leader', query: string) =>
    request(kpiApp.app).get(`/api/cases/kpis?${query}`).set('Cookie', await kpiApp.cookieFor(role));

  it('of a handler are its own department\'s figures only', async () => {
    const res = await kpis('handler', 'groupBy=department');
    expect(res.status).toBe(200);
    expect(res.body.department).toBe('sanitation');
    expect(res.body.rows.map((r: { key: string; registered: number }) => [r.key, r.registered])).toEqual([['sanitation', 2]]);
    expect(res.body.total.registered).toBe(2);
    const byCategory = await kpis('handler', 'groupBy=category');
    expect(byCategory.body.rows.map((r: { key: string }) => r.key)).toEqual(['E01-03']);
  });

  it('of the command centre and leaders cover every department', async () => {
    for (const role of ['dispatcher', 'leader'] as const) {
      const res = await kpis(role, 'groupBy=department');
      expect(res.body.rows.map((r: { key: string; registered: number }) => [r.key, r.registered])).toEqual([['greening', 1], ['sanitation', 2]]);
      expect(res.body).not.toHaveProperty('department');
    }
  });
});
