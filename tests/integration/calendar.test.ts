import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SecuredApp } from '../helpers/session';
import { act, createCasesApp, fileCase } from '../helpers/cases';

let s: SecuredApp;
let admin: string;
beforeAll(async () => {
  s = await createCasesApp();
  admin = await s.cookieFor('admin');
});
afterEach(() => {
  vi.useRealTimers();
});

const get = (path: string, cookie = admin) => request(s.app).get(path).set('Cookie', cookie);
const put = (year: number | string, body: object, cookie = admin) => request(s.app).put(`/api/calendar/${year}`).set('Cookie', cookie).send(body);
const holiday = (from: string, to: string, zh = '假日') => ({ name: { zh }, from, to });
const workday = (date: string, zh = '调休上班') => ({ name: { zh }, date });

/** The 2026 lists as the State Council General Office notice of 4 November 2025 gives them. */
const NOTICE_2026 = {
  holidays: [
    ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'],
    ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07'],
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

describe('GET /api/calendar', () => {
  it('ships the 2025 and 2026 notices; 2026 has the National Day week and its make-up days', async () => {
    const res = await get('/api/calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body.holidays.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual(NOTICE_2026.holidays);
    expect(res.body.workdays.map((w: { date: string }) => w.date)).toEqual(NOTICE_2026.workdays);
    expect(res.body.holidays.at(-1).name).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(res.body).toMatchObject({ year: 2026, weekend: [0, 6], edited: false });
    expect(res.body.note.zh).toContain('https://politics.gmw.cn/2025-11/04/content_38391083.htm');
    const y2025 = await get('/api/calendar/2025');
    expect(y2025.body.holidays.map((h: { from: string }) => h.from)).toEqual(['2025-01-01', '2025-01-28', '2025-04-04', '2025-05-01', '2025-05-31', '2025-10-01']);
    expect(y2025.body.workdays.map((w: { date: string }) => w.date)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('lists the years with holidays and warns of the current or next year without any', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T10:00:00+08:00') });
    const res = await get('/api/calendar');
    expect(res.body).toEqual({ currentYear: 2026, years: [2011, 2012, 2025, 2026], missing: [2027] });
    vi.setSystemTime(new Date('2026-01-01T00:30:00+08:00')); // already 2026 in Shanghai, still 2025 in UTC
    expect((await get('/api/calendar')).body).toMatchObject({ currentYear: 2026, missing: [2027] });
  });

  it('answers an empty year with empty lists and refuses a year that is not one', async () => {
    expect((await get('/api/calendar/2031')).body).toMatchObject({ year: 2031, holidays: [], workdays: [], edited: false });
    for (const bad of ['abc', '1999', '2101', '20260']) {
      const res = await get(`/api/calendar/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toMatch(/year/);
    }
  });

  it('lets case staff read and only an admin write', async () => {
    expect((await request(s.app).get('/api/calendar/2026')).status).toBe(401);
    expect((await get('/api/calendar/2026', await s.cookieFor('planner'))).status).toBe(403);
    expect((await get('/api/calendar/2026', await s.cookieFor('handler'))).status).toBe(200);
    expect((await put(2026, { holidays: [], workdays: [] }, await s.cookieFor('dispatcher'))).status).toBe(403);
  });
});

describe('PUT /api/calendar/{year}', () => {
  it('refuses lists that cannot be a year and names each bad field', async () => {
    const cases: [object, string][] = [
      [{ holidays: [holiday('2028-01-01', '2028-01-01')], workdays: [] }, 'holidays.0.from'],
      [{ holidays: [holiday('2027-12-31', '2028-01-02')], workdays: [] }, 'holidays.0.to'],
      [{ holidays: [holiday('2027-05-05', '2027-05-01')], workdays: [] }, 'holidays.0.to'],
      [{ holidays: [holiday('2027-05-01', '2027-05-05'), holiday('2027-05-05', '2027-05-06')], workdays: [] }, 'holidays.1.from'],
      [{ holidays: [holiday('2027-10-01', '2027-10-07')], workdays: [workday('2027-10-03')] }, 'workdays.0.date'],
      [{ holidays: [], workdays: [workday('2027-04-10'), workday('2027-04-10')] }, 'workdays.1.date'],
      [{ holidays: [], workdays: [workday('2026-12-31')] }, 'workdays.0.date'],
      [{ holidays: [holiday('2027-01-01', '2027-03-01')], workdays: [] }, 'holidays.0.to'],
      [{ holidays: [holiday('2027-01-01', '2027-01-01', '节'.repeat(101))], workdays: [] }, 'holidays.0.name.zh'],
      [{ holidays: [holiday('2027-01-01', '2027-01-01', ' ')], workdays: [] }, 'holidays.0.name.zh'],
      [{ holidays: [], workdays: [workday('2027-02-14', '调休\u0000上班')] }, 'workdays.0.name.zh'],
      [{ holidays: [{ name: { zh: '元旦' }, from: '2027-02-30', to: '2027-03-01' }], workdays: [] }, 'holidays.0.from'],
      [{ holidays: Array.from({ length: 41 }, (_, i) => holiday(`2027-01-${String((i % 28) + 1).padStart(2, '0')}`, '2027-01-01')), workdays: [] }, 'holidays'],
      [{ holidays: [] }, 'workdays'],
      [{ holidays: [], workdays: [], extra: 1 }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await put(2027, body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(body).slice(0, 120)).toContain(field);
    }
    expect((await get('/api/calendar/2027')).body.holidays).toEqual([]);
  });

  it('stores a year, audits it, keeps the other years, and says the year was edited', async () => {
    const body = {
      holidays: [{ name: { zh: '元旦', en: "New Year's Day" }, from: '2027-01-01', to: '2027-01-03' }, holiday('2027-02-05', '2027-02-11', '春节')],
      workdays: [workday('2027-02-14', '春节调休上班')],
    };
    const res = await put(2027, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, edited: true });
    expect(res.body.holidays[1]).toEqual({ name: { zh: '春节', en: '春节' }, from: '2027-02-05', to: '2027-02-11' });
    expect((await get('/api/calendar/2027')).body.workdays).toEqual([{ name: { zh: '春节调休上班', en: '春节调休上班' }, date: '2027-02-14' }]);
    expect((await get('/api/calendar/2026')).body.holidays).toHaveLength(7);
    expect((await get('/api/calendar')).body.years).toContain(2027);

    const audit = await get('/api/audit?entity=calendar');
    expect(audit.body.entries[0]).toMatchObject({
      action: 'update', entity: 'calendar', entityId: '2027', username: 'admin',
      summary: { changed: { holidays: [[], ['2027-01-01..2027-01-03', '2027-02-05..2027-02-11']], workdays: [[], ['2027-02-14']] } },
    });
  });
});

describe('deadlines across National Day 2026', () => {
  /** Files a street-lamp case (C01-08: 2 working days) and registers and dispatches it at `at`; returns its deadline. */
  async function dispatchedAt(at: string): Promise<{ id: number; deadline: string }> {
    const cookies = await Promise.all((['inspector', 'supervisor', 'dispatcher'] as const).map((r) => s.cookieFor(r)));
    expect(cookies).toHaveLength(3);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(at) });
    const filed = await fileCase(s, { category: 'C01-08', description: '路灯不亮' });
    expect(filed.status).toBe(201);
    const id = filed.body.case.id as number;
    expect((await act(s, 'supervisor', id, 'register')).status).toBe(200);
    const dispatched = await act(s, 'dispatcher', id, 'dispatch');
    expect(dispatched.status).toBe(200);
    vi.useRealTimers();
    return { id, deadline: dispatched.body.case.deadline as string };
  }

  it('skips the holiday week; an edit applies to deadlines set afterwards and leaves those already set', async () => {
    // Dispatched Wednesday 2026-09-30 15:00 (Shanghai) with 2 working days = 2 × 7.5 h = 900 working minutes.
    // 30 Sep 15:00–17:30 gives 150; 1–7 Oct is the National Day holiday (notice of 4 Nov 2025), no working time;
    // Thursday 8 Oct gives 450 (600 so far); Friday 9 Oct 08:30–12:00 gives 210 (810), 13:30 + 90 min = 15:00.
    const first = await dispatchedAt('2026-09-30T15:00:00+08:00');
    expect(first.deadline).toBe('2026-10-09T07:00:00.000Z'); // 2026-10-09 15:00 in Shanghai

    // An admin removes the National Day week (the other 2026 entries kept): 1 Oct (Thursday) and 2 Oct (Friday)
    // are ordinary working days again. 150 on 30 Sep, 450 on 1 Oct (600), 2 Oct 08:30–12:00 (810), 13:30 + 90 = 15:00.
    const y2026 = (await get('/api/calendar/2026')).body;
    const edited = await put(2026, {
      holidays: y2026.holidays.filter((h: { from: string }) => h.from !== '2026-10-01'),
      workdays: y2026.workdays,
    });
    expect(edited.status).toBe(200);
    const second = await dispatchedAt('2026-09-30T15:00:00+08:00');
    expect(second.deadline).toBe('2026-10-02T07:00:00.000Z'); // 2026-10-02 15:00 in Shanghai

    // the first case keeps the deadline it was given
    expect((await get(`/api/cases/${first.id}`)).body.case.deadline).toBe('2026-10-09T07:00:00.000Z');
    expect((await put(2026, { holidays: y2026.holidays, workdays: y2026.workdays })).status).toBe(200);
  });
});
