import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-accounts';
import type { SecuredApp } from '../helpers/session';
import { act, caseIn, createCasesApp, fileCase } from '../helpers/cases';
import { uploadPhotos } from '../helpers/photos';

let s: SecuredApp;
let greening: string;
beforeAll(async () => {
  s = await createCasesApp();
  const login = await request(s.app).post('/api/auth/login').send({ username: 'greening', password: DEMO_PASSWORD });
  greening = String(login.headers['set-cookie']![0]).split(';')[0]!;
});

const get = async (id: number, role: Parameters<SecuredApp['cookieFor']>[0] = 'admin') =>
  request(s.app).get(`/api/cases/${id}`).set('Cookie', await s.cookieFor(role));

describe('the closed loop through the API', () => {
  it('runs a case from report to closed with each role, recording every step', async () => {
    const id = (await fileCase(s)).body.case.id as number;
    expect((await get(id, 'supervisor')).body.case.nextActions).toEqual(['register', 'reject', 'void']);

    const registered = await act(s, 'supervisor', id, 'register', { note: '属实' });
    expect(registered.status).toBe(200);
    expect(registered.body.case).toMatchObject({ state: 'registered', registeredAt: expect.any(String), version: 2 });

    const dispatched = await act(s, 'dispatcher', id, 'dispatch');
    expect(dispatched.body.case).toMatchObject({ state: 'dispatched', department: 'sanitation', deadline: expect.any(String) });
    expect(dispatched.body.case.clock).toMatchObject({ limitMinutes: 120, running: true, colour: expect.stringMatching(/green|yellow|red/) });

    expect((await get(id, 'handler')).body.case.nextActions).toEqual(['accept']);
    expect((await act(s, 'handler', id, 'accept')).body.case.state).toBe('handling');
    expect((await act(s, 'handler', id, 'feedback', { note: '已清洗' })).body.error.code).toBe('after_photo_required');
    expect((await uploadPhotos(s, 'handler', id, 'after')).status).toBe(201);
    const fed = await act(s, 'handler', id, 'feedback', { note: '已清洗' });
    expect(fed.body.case).toMatchObject({ state: 'feedback', feedbackAt: expect.any(String) });
    expect(fed.body.case.clock.running).toBe(false);

    expect((await get(id, 'inspector')).body.case.nextActions).toEqual(['close', 'rework']);
    const sentBack = await act(s, 'inspector', id, 'rework', { note: '仍有油污' });
    expect(sentBack.body.case).toMatchObject({ state: 'handling', reworkCount: 1 });
    expect((await act(s, 'handler', id, 'feedback', { note: '已再次清洗' })).status).toBe(400); // the first after photo was before the rework
    await uploadPhotos(s, 'handler', id, 'after');
    await act(s, 'handler', id, 'feedback', { note: '已再次清洗' });
    const closed = await act(s, 'supervisor', id, 'close', { note: '核查通过' });
    expect(closed.body.case).toMatchObject({ state: 'closed', closedAt: expect.any(String), reworkCount: 1, nextActions: [] });

    const timeline = closed.body.case.events.map((e: { action: string; from: string | null; to: string; user: { username: string } }) => [e.action, e.from, e.to, e.user.username]);
    expect(timeline).toEqual([
      ['report', null, 'reported', 'inspector'],
      ['register', 'reported', 'registered', 'supervisor'],
      ['dispatch', 'registered', 'dispatched', 'dispatcher'],
      ['accept', 'dispatched', 'handling', 'sanitation'],
      ['feedback', 'handling', 'feedback', 'sanitation'],
      ['rework', 'feedback', 'handling', 'inspector'],
      ['feedback', 'handling', 'feedback', 'sanitation'],
      ['close', 'feedback', 'closed', 'supervisor'],
    ]);
    expect(closed.body.case.events[5].note).toBe('仍有油污');
  });

  it('keeps the cases layer in step with each change', async () => {
    const id = await caseIn(s, 'dispatched');
    const number = (await get(id)).body.case.number;
    const feature = async () => JSON.parse((await request(s.app).get('/ogc/collections/cases/items?limit=1000')).text)
      .features.find((f: { properties: { number: string } }) => f.properties.number === number).properties;
    expect(await feature()).toMatchObject({ state: 'dispatched', department: 'sanitation', deadline: expect.any(String), clock: expect.any(String) });
    await act(s, 'handler', id, 'accept');
    expect((await feature()).state).toBe('handling');
  });

  it('records each action in the audit log', async () => {
    const id = await caseIn(s, 'registered');
    const audit = await request(s.app).get('/api/audit?entity=case&limit=1').set('Cookie', await s.cookieFor('admin'));
    expect(audit.body.entries[0]).toMatchObject({ action: 'register', username: 'supervisor', entityId: (await get(id)).body.case.number, summary: { from: 'reported', to: 'registered' } });
  });

  it('refuses a role that may not take the action (403) and a wrong state (409), changing nothing', async () => {
    const id = await caseIn(s, 'reported');
    const forbidden = await act(s, 'dispatcher', id, 'register');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: 'action_forbidden', message: 'role "dispatcher" may not register cases' });
    const conflict = await act(s, 'dispatcher', id, 'dispatch');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'invalid_transition', details: { state: 'reported', from: ['registered'] } });
    expect((await get(id)).body.case).toMatchObject({ state: 'reported', version: 1 });
    expect((await get(id)).body.case.events).toHaveLength(1);
  });

  it.each([
    ['feedback', {}, /note/],
    ['postpone', { reason: 'x' }, /until/],
    ['dispatch', { department: 'police' }, /department/],
    ['register', { colour: 'red' }, /colour/],
  ])('validates the body of %s (400)', async (action, body, message) => {
    const id = await caseIn(s, 'reported');
    const res = await act(s, 'admin', id, action as 'feedback', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown case or action', async () => {
    expect((await act(s, 'admin', 999999, 'register')).status).toBe(404);
    expect((await act(s, 'admin', 'QB1999-000001', 'register')).status).toBe(404);
    expect((await act(s, 'admin', await caseIn(s, 'reported'), 'teleport' as 'register')).status).toBe(404);
  });

  it('finds a case by its number', async () => {
    const c = (await fileCase(s)).body.case;
    expect((await request(s.app).get(`/api/cases/${c.number}`).set('Cookie', await s.cookieFor('leader'))).body.case.id).toBe(c.id);
  });
});

describe('optimistic concurrency', () => {
  it('answers 412 to a stale If-Match and applies a fresh one', async () => {
    const id = await caseIn(s, 'reported');
    const etag = (await get(id)).headers.etag!;
    const cookie = await s.cookieFor('supervisor');
    const first = await request(s.app).post(`/api/cases/${id}/actions/register`).set('Cookie', cookie).set('If-Match', etag).send({});
    expect(first.status).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    const stale = await request(s.app).post(`/api/cases/${id}/actions/void`).set('Cookie', cookie).set('If-Match', etag).send({ reason: '重复' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await get(id)).body.case.state).toBe('registered');
  });

  it('answers 412 to a stale version in the body', async () => {
    const id = await caseIn(s, 'registered');
    expect((await act(s, 'dispatcher', id, 'dispatch', { version: 1 })).status).toBe(412);
    expect((await act(s, 'dispatcher', id, 'dispatch', { version: 2 })).status).toBe(200);
  });
});

describe('departments', () => {
  it('shows handlers only their own department\'s cases', async () => {
    const mine = await caseIn(s, 'dispatched');
    const theirs = await caseIn(s, 'dispatched', { category: 'C04-03', description: '绿地缺株' });
    expect((await get(theirs)).body.case.department).toBe('greening');

    const list = await request(s.app).get('/api/cases?limit=500').set('Cookie', await s.cookieFor('handler'));
    const ids = list.body.cases.map((c: { id: number }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(list.body.cases.every((c: { department: string }) => c.department === 'sanitation')).toBe(true);
    const asked = await request(s.app).get('/api/cases?department=greening').set('Cookie', await s.cookieFor('handler'));
    expect(asked.body.total).toBe(0);

    expect((await get(theirs, 'handler')).status).toBe(404);
    expect((await act(s, 'handler', theirs, 'accept')).status).toBe(404);
    expect((await request(s.app).get(`/api/cases/${theirs}`).set('Cookie', greening)).body.case.nextActions).toEqual(['accept']);
    expect((await request(s.app).post(`/api/cases/${theirs}/actions/accept`).set('Cookie', greening).send({})).status).toBe(200);
  });

  it('dispatches to another department when the dispatcher says so', async () => {
    const id = await caseIn(s, 'registered');
    expect((await act(s, 'dispatcher', id, 'dispatch', { department: 'municipal' })).body.case.department).toBe('municipal');
  });
});

describe('side states', () => {
  it('postpones to a later deadline with a reason, keeping the state', async () => {
    const id = await caseIn(s, 'handling');
    const before = (await get(id)).body.case;
    const until = new Date(Date.parse(before.deadline) + 3 * 86_400_000).toISOString();
    const res = await act(s, 'dispatcher', id, 'postpone', { reason: '需采购配件', until });
    expect(res.body.case).toMatchObject({ state: 'handling', postponed: true, deadline: until });
    expect(res.body.case.events.at(-1)).toMatchObject({ action: 'postpone', note: '需采购配件', data: { previousDeadline: before.deadline, deadline: until } });
    const earlier = await act(s, 'dispatcher', id, 'postpone', { reason: 'x', until: before.deadline });
    expect(earlier.status).toBe(409);
    expect(earlier.body.error.code).toBe('deadline_not_later');
  });

  it('voids and rejects with a reason; a duplicate points at its original', async () => {
    const original = await caseIn(s, 'registered');
    const dup = await caseIn(s, 'reported');
    const rejected = await act(s, 'supervisor', dup, 'reject', { reason: '重复上报', duplicateOf: original });
    expect(rejected.body.case).toMatchObject({ state: 'rejected', duplicateOf: original, nextActions: [] });
    expect((await act(s, 'supervisor', original, 'void', { reason: '误报' })).body.case.state).toBe('void');
    const self = await caseIn(s, 'reported');
    expect((await act(s, 'supervisor', self, 'reject', { reason: 'x', duplicateOf: self })).status).toBe(400);
  });
});

describe('bulk dispatch', () => {
  it('dispatches every case in one go', async () => {
    const ids = [await caseIn(s, 'registered'), await caseIn(s, 'registered')];
    const res = await request(s.app).post('/api/cases/dispatch').set('Cookie', await s.cookieFor('dispatcher')).send({ ids, department: 'municipal' });
    expect(res.status).toBe(200);
    expect(res.body.cases.map((c: { state: string; department: string }) => [c.state, c.department])).toEqual([['dispatched', 'municipal'], ['dispatched', 'municipal']]);
  });

  it('dispatches none when one cannot be, saying why per case', async () => {
    const good = await caseIn(s, 'registered');
    const early = await caseIn(s, 'reported');
    const res = await request(s.app).post('/api/cases/dispatch').set('Cookie', await s.cookieFor('dispatcher')).send({ ids: [good, early, 999999], department: 'sanitation' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('bulk_dispatch_failed');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ id: early, status: 409, code: 'invalid_transition' }),
      expect.objectContaining({ id: 999999, status: 404 }),
    ]);
    expect((await get(good)).body.case).toMatchObject({ state: 'registered', version: 2 });
    expect(s.db.prepare("SELECT count(*) FROM case_events WHERE case_id = ? AND action = 'dispatch'").pluck().get(good)).toBe(0);
  });

  it('validates the request', async () => {
    const cookie = await s.cookieFor('dispatcher');
    expect((await request(s.app).post('/api/cases/dispatch').set('Cookie', cookie).send({ ids: [], department: 'sanitation' })).status).toBe(400);
    expect((await request(s.app).post('/api/cases/dispatch').set('Cookie', cookie).send({ ids: [1, 1], department: 'sanitation' })).status).toBe(400);
  });
});

describe('the timeline', () => {
  it('cannot be changed or deleted, even in SQL', async () => {
    const id = await caseIn(s, 'registered');
    expect(() => s.db.prepare('UPDATE case_events SET note = ? WHERE case_id = ?').run('改写', id)).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM case_events WHERE case_id = ?').run(id)).toThrow(/append-only/);
    expect(s.db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(id)).toBe(2);
  });
});
