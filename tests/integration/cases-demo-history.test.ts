import path from 'node:path';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, testConfig } from '../../server/src/config';
import { openDatabase, type Db } from '../../server/src/db/database';
import { createCalendarFeature } from '../../server/src/features/calendar';
import { createCaseLocator } from '../../server/src/features/cases';
import { createFeatureRepository } from '../../server/src/features/layers';
import { DEMO_API_KEY } from '../../server/src/open311/api-keys';
import { seedDemoData, type DemoSeedSummary } from '../../server/src/seed/demo';
import { seedDatabase } from '../../server/src/seed/seed';
import { startServer } from '../../server/src/server';
import { createSecuredApp, type SecuredApp } from '../helpers/session';

const DATA = path.join(PROJECT_ROOT, 'data');
let s: SecuredApp;
let seeded: DemoSeedSummary;

beforeAll(async () => {
  s = await createSecuredApp({}, DATA);
  seeded = await seedDemoData(s.db, { uploadDir: s.config.uploadDir });
});

const all = <T>(db: Db, sql: string) => db.prepare(sql).all() as T[];
const kpis = async (query: string) => (await request(s.app).get(`/api/cases/kpis?${query}`).set('Cookie', await s.cookieFor('leader'))).body;

describe('the demo history of 2011', () => {
  it('registers exactly 2,734 cases, all closed, and rejects about 5 % of the reports', async () => {
    expect(seeded.history).toMatchObject({ created: true, registered: 2734, rejected: 144 });
    expect(seeded.history.ms).toBeGreaterThan(0);
    const states = Object.fromEntries(all<{ state: string; n: number }>(s.db, 'SELECT state, count(*) AS n FROM cases GROUP BY state').map((r) => [r.state, r.n]));
    expect(states).toEqual({ closed: 2734, rejected: 144 });
    expect(all<{ n: number }>(s.db, 'SELECT count(*) AS n FROM cases WHERE demo = 0')[0]!.n).toBe(0);
  });

  it('gives the report\'s KPIs: 2,734 registered and closed, 100 % closure, realistic on-time, rework and postponement rates', async () => {
    const { total, rows } = await kpis('groupBy=month&from=2011-01-01&to=2011-12-31');
    expect(total).toMatchObject({ registered: 2734, dueToClose: 2734, closed: 2734, closureRate: 1, postponedOpen: 0 });
    expect(total.onTimeClosureRate).toBeGreaterThanOrEqual(0.9);
    expect(total.onTimeClosureRate).toBeLessThanOrEqual(0.95);
    expect(total.reworkRate).toBeGreaterThanOrEqual(0.01);
    expect(total.reworkRate).toBeLessThanOrEqual(0.02);
    expect(total.postponementRate).toBeGreaterThanOrEqual(0.02);
    expect(total.postponementRate).toBeLessThanOrEqual(0.03);
    expect(total.avgHandlingHours).toBeGreaterThan(0);
    expect((await kpis('groupBy=month')).total).toEqual(total);

    const byMonth = Object.fromEntries(rows.map((r: { key: string; registered: number }) => [r.key, r.registered]));
    expect(Object.keys(byMonth)).toHaveLength(12);
    expect(Math.min(...Object.values(byMonth) as number[])).toBe(byMonth['2011-02']);
    expect(byMonth['2011-07'] + byMonth['2011-08']).toBeGreaterThan(1.5 * (byMonth['2011-01'] + byMonth['2011-02']));
  });

  it('spreads cases over categories (the five common ones first), communities, grids and departments', async () => {
    const top = (await kpis('groupBy=category')).rows.sort((a: { registered: number }, b: { registered: number }) => b.registered - a.registered);
    expect(top.slice(0, 5).map((r: { key: string }) => r.key).sort()).toEqual(['E01-02', 'E01-03', 'E02-01', 'E04-01', 'E04-03']);
    expect((await kpis('groupBy=community')).rows.map((r: { key: string }) => r.key)).toEqual(['330102001051', '330102001052', '330102001053', '330102001055', '330102001057']);
    expect((await kpis('groupBy=grid')).rows.length).toBeGreaterThan(200);
    expect((await kpis('groupBy=inspector')).rows.map((r: { label: { zh: string } }) => r.label.zh)).toEqual(['巡查员 李巡（演示）']);
    const wrongDepartment = all<{ n: number }>(s.db, `SELECT count(*) AS n FROM cases c JOIN case_categories k ON k.code = c.category_code
      WHERE c.state = 'closed' AND c.department <> k.department`)[0]!.n;
    expect(wrongDepartment).toBe(0);
  });

  it('places every case inside the grid cell and community it names', () => {
    const locator = createCaseLocator(createFeatureRepository(s.db));
    const rows = all<{ lon: number; lat: number; grid_code: string; community_code: string }>(s.db, 'SELECT lon, lat, grid_code, community_code FROM cases WHERE id % 7 = 0');
    for (const r of rows) expect(locator.locate(r.lon, r.lat)).toMatchObject({ gridCode: r.grid_code, communityCode: r.community_code });
  });

  it('writes possible timelines only, labelled demo, at working hours, with an after photo before each feedback', () => {
    const { time, offsetMinutes } = createCalendarFeature({ db: s.db }).load();
    const events = all<{ case_id: number; at: string; action: string; from_state: string | null; to_state: string; data: string }>(s.db, 'SELECT * FROM case_events ORDER BY case_id, id');
    const finals = new Map(all<{ id: number; state: string }>(s.db, 'SELECT id, state FROM cases').map((c) => [c.id, c.state]));
    const afters = new Map<number, string[]>();
    for (const p of all<{ case_id: number; created_at: string; demo: number }>(s.db, "SELECT case_id, created_at, demo FROM case_photos WHERE kind = 'after'")) {
      expect(p.demo).toBe(1);
      afters.set(p.case_id, [...(afters.get(p.case_id) ?? []), p.created_at]);
    }
    let prev: (typeof events)[number] | undefined;
    for (const e of events) {
      const first = prev?.case_id !== e.case_id;
      if (first) {
        if (prev) expect(prev.to_state).toBe(finals.get(prev.case_id));
        expect([e.action, e.from_state]).toEqual(['report', null]);
      } else {
        expect(e.from_state).toBe(prev!.to_state);
        expect(e.at >= prev!.at).toBe(true);
      }
      if (e.action === 'feedback') expect(afters.get(e.case_id)).toContain(e.at);
      expect(JSON.parse(e.data).demo).toBe(true);
      const local = new Date(Date.parse(e.at) + offsetMinutes * 60_000);
      const minute = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
      expect(time.isWorkingDay(local.toISOString().slice(0, 10))).toBe(true);
      expect((minute >= 510 && minute <= 720) || (minute >= 810 && minute <= 1050)).toBe(true);
      prev = e;
    }
    expect(prev!.to_state).toBe(finals.get(prev!.case_id));
    expect(events.length).toBe(seeded.history.events);
  });

  it('streams the shared demo pictures of its cases', async () => {
    const photo = (await request(s.app).get('/api/cases/1').set('Cookie', await s.cookieFor('supervisor'))).body.case.photos[0];
    expect(photo).toMatchObject({ kind: 'before', demo: true });
    const res = await request(s.app).get(photo.thumbUrl).set('Cookie', await s.cookieFor('supervisor'));
    expect([res.status, res.headers['content-type']]).toEqual([200, 'image/jpeg']);
  });

  it('is idempotent and deterministic', async () => {
    const again = await seedDemoData(s.db, { uploadDir: s.config.uploadDir });
    expect(again).toMatchObject({ accounts: 0, apiKey: false, history: { created: false } });
    expect(all<{ n: number }>(s.db, 'SELECT count(*) AS n FROM cases')[0]!.n).toBe(2878);

    const other = openDatabase(':memory:');
    seedDatabase(other, DATA);
    await seedDemoData(other, { uploadDir: s.config.uploadDir });
    const digest = (db: Db) => createHash('sha256').update(JSON.stringify(all(db, `SELECT number, category_code, lon, lat, grid_code, state, reported_at, registered_at,
      dispatched_at, feedback_at, closed_at, deadline, rework_count, postponed, version FROM cases ORDER BY id`))).update(JSON.stringify(all(db, 'SELECT case_id, at, action, note FROM case_events ORDER BY id'))).digest('hex');
    expect(digest(other)).toBe(digest(s.db));
    other.close();
  });
});

describe('the demo seed at start-up', () => {
  it('seeds the district, the accounts, the Open311 demo key and the demo history into an empty database, and stops cleanly', async () => {
    const running = await startServer(testConfig({ port: 0, host: '127.0.0.1', dataDir: DATA }));
    try {
      expect(running.db.prepare("SELECT count(*) FROM cases WHERE demo = 1 AND state = 'closed'").pluck().get()).toBe(2734);
      const res = await fetch(`${running.url}/open311/v2/services.json`);
      expect(res.status).toBe(200);
      const post = await fetch(`${running.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: DEMO_API_KEY, service_code: 'E01-02', lat: '30.24242', long: '120.16426' }) });
      expect(post.status).toBe(201);
    } finally {
      await running.close();
    }
  });
});
