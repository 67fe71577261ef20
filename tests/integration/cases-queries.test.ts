import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../server/src/db/database';
import { createAuditRepository } from '../../server/src/features/audit';
import { createCalendarFeature } from '../../server/src/features/calendar';
import { createCaseFeature } from '../../server/src/features/cases';
import { createFeatureRepository, createLayerRepository } from '../../server/src/features/layers';
import type { SecuredApp } from '../helpers/session';
import { act, caseIn, createCasesApp, HEFANG } from '../helpers/cases';
import { uploadPhotos } from '../helpers/photos';

const QINGBO_GATE = { lon: 120.15461, lat: 30.24028 };
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();

async function getList(s: SecuredApp, query: string, role: Parameters<SecuredApp['cookieFor']>[0] = 'admin') {
  const res = await request(s.app).get(`/api/cases?${query}`).set('Cookie', await s.cookieFor(role));
  expect(res.status).toBe(200);
  return res.body as { cases: { id: number; number: string; state: string }[]; total: number };
}

describe('listing and searching cases', () => {
  let s: SecuredApp;
  let reported: number;
  let dispatched: number;
  let gate: number;
  beforeAll(async () => {
    s = await createCasesApp();
    reported = await caseIn(s, 'reported', { description: '井盖破损有异响', category: 'C01-02' });
    dispatched = await caseIn(s, 'dispatched');
    gate = await caseIn(s, 'registered', { ...QINGBO_GATE, category: 'E04-01', description: '清波门游商' });
  });

  it('lists only the caller\'s own reports with reporter=me', async () => {
    const mine = await getList(s, 'reporter=me', 'inspector');
    expect(mine.total).toBe(3);
    expect((await getList(s, 'reporter=me', 'supervisor')).total).toBe(0);
  });

  it('marks case answers private to the user asking', async () => {
    const res = await request(s.app).get(`/api/cases/${reported}`).set('Cookie', await s.cookieFor('supervisor'));
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers.vary).toMatch(/Cookie/);
  });

  it('pages through every case, newest first', async () => {
    const all = await getList(s, 'limit=2');
    expect(all.total).toBe(3);
    expect(all.cases.map((c) => c.id)).toEqual([gate, dispatched]);
    expect((await getList(s, 'limit=2&offset=2')).cases.map((c) => c.id)).toEqual([reported]);
  });

  it.each([
    ['state=reported,registered', () => [gate, reported]],
    ['category=C01-02', () => [reported]],
    ['community=330102001051', () => [gate]],
    ['grid=330102001051051', () => [gate]],
    ['department=sanitation', () => [dispatched]],
    ['q=异响', () => [reported]],
    ['q=清波门', () => [gate]],
    ['from=2000-01-01&to=2000-12-31', () => []],
  ])('filters by %s', async (query, ids) => {
    expect((await getList(s, query)).cases.map((c) => c.id)).toEqual(ids());
  });

  it('finds a case by its number', async () => {
    const number = (await request(s.app).get(`/api/cases/${dispatched}`).set('Cookie', await s.cookieFor('admin'))).body.case.number;
    expect((await getList(s, `q=${number}`)).cases.map((c) => c.id)).toEqual([dispatched]);
  });

  it('filters overdue cases and paints their clock red', async () => {
    expect((await getList(s, 'overdue=true')).total).toBe(0);
    s.db.prepare('UPDATE cases SET deadline = ? WHERE id = ?').run('2011-03-07T03:00:00.000Z', dispatched);
    expect((await getList(s, 'overdue=true')).cases.map((c) => c.id)).toEqual([dispatched]);
    const c = (await request(s.app).get(`/api/cases/${dispatched}`).set('Cookie', await s.cookieFor('admin'))).body.case;
    expect(c).toMatchObject({ overdue: true, clock: { colour: 'red', running: true } });
  });

  it.each(['state=lost', 'limit=0', 'limit=501', 'overdue=maybe', 'from=yesterday', 'community=abc', 'sort=id'])('refuses %s (400)', async (query) => {
    expect((await request(s.app).get(`/api/cases?${query}`).set('Cookie', await s.cookieFor('admin'))).status).toBe(400);
  });

  it('refreshes the clock colours of the cases layer', async () => {
    const feature = () => {
      // SQLite keeps JSONB blobs (json() reads them as text); PostgreSQL's jsonb arrives as text
      const properties = isPostgres(s.db) ? 'f.properties' : 'json(f.properties)';
      const row = s.db.prepare(`SELECT ${properties} FROM features f JOIN cases c ON c.feature_id = f.id WHERE c.id = ?`).pluck().get(dispatched) as string;
      return JSON.parse(row) as { clock: string };
    };
    expect(feature().clock).not.toBe('red');
    const { writes } = createCaseFeature({ db: s.db, layers: createLayerRepository(s.db), features: createFeatureRepository(s.db), audit: createAuditRepository(s.db), calendar: createCalendarFeature({ db: s.db }), uploadDir: s.config.uploadDir });
    writes.refreshClocks();
    expect(feature().clock).toBe('red');
  });
});

describe('work queues', () => {
  let s: SecuredApp;
  beforeAll(async () => {
    s = await createCasesApp();
    await caseIn(s, 'reported');
    await caseIn(s, 'reported');
    await caseIn(s, 'registered');
    await caseIn(s, 'dispatched');
    await caseIn(s, 'dispatched', { category: 'C04-03' });
    await caseIn(s, 'feedback');
    await caseIn(s, 'closed');
  });

  const queues = async (role: Parameters<SecuredApp['cookieFor']>[0]) => (await request(s.app).get('/api/cases/queues').set('Cookie', await s.cookieFor(role))).body;

  it('counts every state', async () => {
    expect((await queues('leader')).counts).toEqual({ reported: 2, registered: 1, rejected: 0, dispatched: 2, handling: 0, feedback: 1, closed: 1, void: 0 });
    expect((await queues('leader')).queues).toEqual([]);
  });

  it('gives each role its queues', async () => {
    const pick = (body: { queues: { key: string; count: number }[] }) => Object.fromEntries(body.queues.map((q) => [q.key, q.count]));
    expect(pick(await queues('supervisor'))).toEqual({ 'to-register': 2, 'to-verify': 1 });
    expect(pick(await queues('dispatcher'))).toEqual({ 'to-dispatch': 1, 'in-progress': 2 });
    expect(pick(await queues('inspector'))).toEqual({ 'to-verify': 1 });
    expect(pick(await queues('handler'))).toEqual({ 'to-accept': 1, 'to-feed-back': 0 });
  });

  it('counts a handler\'s own department only', async () => {
    expect((await queues('handler')).counts).toMatchObject({ reported: 0, dispatched: 1, feedback: 1, closed: 1 });
  });
});

describe('duplicate detection', () => {
  let s: SecuredApp;
  let here: number;
  let near: number;
  beforeAll(async () => {
    s = await createCasesApp();
    here = await caseIn(s, 'reported', { category: 'E01-02' });
    near = await caseIn(s, 'dispatched', { category: 'E01-02', lon: HEFANG.lon + 0.0003 });
    await caseIn(s, 'reported', { category: 'E01-02', lon: HEFANG.lon + 0.0008 });
    await caseIn(s, 'reported', { category: 'E01-03' });
    await caseIn(s, 'closed', { category: 'E01-02' });
    const old = await caseIn(s, 'reported', { category: 'E01-02' });
    s.db.prepare('UPDATE cases SET reported_at = ? WHERE id = ?').run(new Date(Date.now() - 11 * 86_400_000).toISOString(), old);
  });

  it('finds open cases of the category within its radius in the last ten days, nearest first', async () => {
    const res = await request(s.app).get(`/api/cases/duplicates?category=E01-02&lon=${HEFANG.lon}&lat=${HEFANG.lat}`).set('Cookie', await s.cookieFor('inspector'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ radiusM: 50, days: 10 });
    expect(res.body.cases.map((c: { id: number }) => c.id)).toEqual([here, near]);
    expect(res.body.cases[0].distanceM).toBe(0);
    expect(res.body.cases[1].distanceM).toBeCloseTo(28.9, 0);
  });

  it('uses the category\'s own radius', async () => {
    await request(s.app).put('/api/cases/categories/E01-02').set('Cookie', await s.cookieFor('admin')).send({ duplicateRadiusM: 100 });
    const res = await request(s.app).get(`/api/cases/duplicates?category=E01-02&lon=${HEFANG.lon}&lat=${HEFANG.lat}`).set('Cookie', await s.cookieFor('inspector'));
    expect(res.body.cases).toHaveLength(3);
  });

  it('needs a category and a point', async () => {
    const cookie = await s.cookieFor('inspector');
    expect((await request(s.app).get(`/api/cases/duplicates?lon=${HEFANG.lon}&lat=${HEFANG.lat}`).set('Cookie', cookie)).status).toBe(400);
    expect((await request(s.app).get('/api/cases/duplicates?category=E01-02&lon=x&lat=1').set('Cookie', cookie)).status).toBe(400);
    expect((await request(s.app).get(`/api/cases/duplicates?category=E09-01&lon=${HEFANG.lon}&lat=${HEFANG.lat}`).set('Cookie', cookie)).status).toBe(404);
  });
});

describe('KPIs', () => {
  let s: SecuredApp;
  beforeAll(async () => {
    s = await createCasesApp();
    const onTime = await caseIn(s, 'closed');
    const late = await caseIn(s, 'feedback');
    await act(s, 'inspector', late, 'rework', { note: '未清理干净' });
    await uploadPhotos(s, 'handler', late, 'after');
    await act(s, 'handler', late, 'feedback', { note: '已清理' });
    await act(s, 'supervisor', late, 'close');
    const postponed = await caseIn(s, 'handling');
    const deadline = s.db.prepare('SELECT deadline FROM cases WHERE id = ?').pluck().get(postponed) as string;
    await act(s, 'dispatcher', postponed, 'postpone', { reason: '等待配件', until: new Date(Date.parse(deadline) + 86_400_000).toISOString() });
    await act(s, 'supervisor', await caseIn(s, 'registered'), 'void', { reason: '误报' });
    await caseIn(s, 'registered', QINGBO_GATE);
    await caseIn(s, 'reported');

    const move = s.db.prepare('UPDATE cases SET registered_at = ?, dispatched_at = ?, feedback_at = ?, deadline = ? WHERE id = ?');
    s.db.prepare('UPDATE cases SET registered_at = ? WHERE registered_at IS NOT NULL').run(local('2011-03-07 08:40'));
    move.run(local('2011-03-07 08:40'), local('2011-03-07 09:00'), local('2011-03-07 10:00'), local('2011-03-07 11:00'), onTime);
    move.run(local('2011-03-07 08:40'), local('2011-03-07 09:00'), local('2011-03-07 14:00'), local('2011-03-07 11:00'), late);
  });

  const kpis = async (query: string) => {
    const res = await request(s.app).get(`/api/cases/kpis?${query}`).set('Cookie', await s.cookieFor('leader'));
    expect(res.status).toBe(200);
    return res.body;
  };

  it('computes the CJ/T 292 evaluation formulas over a hand-made set', async () => {
    const body = await kpis('groupBy=month&from=2011-03-01&to=2011-03-31');
    // five registered (one voided), two closed (one by its deadline, one after it and after a rework), one postponed and open;
    // handling times 60 and 210 working minutes
    const expected = {
      registered: 5, dueToClose: 4, closed: 2, closedOnTime: 1, postponedOpen: 1, postponed: 1, verified: 2, reworked: 1,
      closureRate: 0.6667, onTimeClosureRate: 0.3333, reworkRate: 0.5, postponementRate: 0.25, avgHandlingHours: 2.25,
    };
    expect(body.total).toEqual(expected);
    expect(body.rows).toEqual([{ key: '2011-03', label: { zh: '2011-03', en: '2011-03' }, ...expected }]);
    expect(body).toMatchObject({ groupBy: 'month', from: '2011-02-28T16:00:00.000Z', to: '2011-03-31T16:00:00.000Z' });
  });

  it('groups by community and labels the groups', async () => {
    const body = await kpis('groupBy=community&from=2011-03-01&to=2011-03-31');
    expect(body.rows.map((r: { key: string; label: { zh: string }; registered: number; closureRate: number; onTimeClosureRate: number }) => [r.key, r.label.zh, r.registered, r.closureRate, r.onTimeClosureRate])).toEqual([
      ['330102001051', '清波门社区', 1, 0, 0],
      ['330102001055', '清河坊社区', 4, 1, 0.5],
    ]);
  });

  it('labels departments and inspectors', async () => {
    expect((await kpis('groupBy=department')).rows.map((r: { key: string | null; label: { zh: string } }) => [r.key, r.label.zh])).toEqual([['sanitation', '环卫所'], [null, '未指定']]);
    expect((await kpis('groupBy=inspector')).rows.map((r: { label: { zh: string } }) => r.label.zh)).toEqual(['巡查员 李巡（演示）']);
  });

  it('counts nothing outside the period and refuses a bad grouping', async () => {
    expect((await kpis('from=2012-01-01')).total).toMatchObject({ registered: 0, closureRate: null });
    expect((await request(s.app).get('/api/cases/kpis?groupBy=weather').set('Cookie', await s.cookieFor('leader'))).status).toBe(400);
  });
});
