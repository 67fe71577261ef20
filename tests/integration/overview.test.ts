import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse } from '@shared/overview';
import { seedDemoData } from '../../server/src/seed/demo';
import { createCasesApp, fileCase } from '../helpers/cases';
import type { SecuredApp } from '../helpers/session';

const QINGHEFANG = '330102001055';
let s: SecuredApp;

beforeAll(async () => {
  s = await createCasesApp();
  await seedDemoData(s.db, { uploadDir: s.config.uploadDir });
}, 120_000);

const get = async (url: string, role: 'leader' | 'planner' | 'handler' | 'inspector' = 'leader') =>
  request(s.app).get(url).set('Cookie', await s.cookieFor(role));
const overview = async (query = ''): Promise<OverviewResponse> => {
  const res = await get(`/api/overview${query}`);
  expect(res.status).toBe(200);
  return res.body as OverviewResponse;
};

describe('GET /api/overview', () => {
  it('gives the case KPIs of the KPI endpoint, for the district and for one community', async () => {
    for (const community of [undefined, QINGHEFANG]) {
      const q = community ? `?community=${community}` : '';
      const [o, kpis, byDept] = [await overview(q), (await get(`/api/cases/kpis?groupBy=month${community ? `&community=${community}` : ''}`)).body, (await get(`/api/cases/kpis?groupBy=department${community ? `&community=${community}` : ''}`)).body];
      expect(o.cases).toMatchObject({
        registered: kpis.total.registered, closed: kpis.total.closed, closureRate: kpis.total.closureRate,
        onTimeClosureRate: kpis.total.onTimeClosureRate, reworkRate: kpis.total.reworkRate,
      });
      expect(o.series.byMonth.map((p) => [p.key, p.value])).toEqual(kpis.rows.map((r: { key: string; registered: number }) => [r.key, r.registered]));
      expect(o.series.onTimeByDepartment.map((p) => p.value)).toEqual(byDept.rows.map((r: { onTimeClosureRate: number }) => Math.round(r.onTimeClosureRate * 1000) / 10));
      const overdue = (await get(`/api/cases?overdue=true&limit=1${community ? `&community=${community}` : ''}`)).body.total;
      expect(o.cases.overdueNow).toBe(overdue);
    }
  });

  it('shows the demo year: 2,734 registered and closed, 100 % closure, every community ranked', async () => {
    const o = await overview();
    expect(o.cases).toMatchObject({ registered: 2734, closed: 2734, closureRate: 1, status: { closureRate: 'good' } });
    expect(o.series.byMonth).toHaveLength(12);
    expect(o.series.topCategories).toHaveLength(10);
    expect(o.series.byCommunity.map((p) => p.value)).toEqual([...o.series.byCommunity.map((p) => p.value)].sort((a, b) => b - a));
    expect(o.series.byCommunity.reduce((n, p) => n + p.value, 0)).toBe(2734);
    expect(o.communities).toHaveLength(5);
    expect(o.series.renovation).toHaveLength(18);
    expect(o.latest).toHaveLength(10);
    expect(Object.keys(o.latest[0]!).sort()).toEqual(['category', 'community', 'id', 'number', 'reportedAt', 'state']);
    // the ticker names communities in both languages
    const names = new Set(o.latest.flatMap((c) => (c.community ? [`${c.community.zh}|${c.community.en}`] : [])));
    expect(names.size).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^(清波门社区\|Qingbomen|劳动路社区\|Laodong Road|定安路社区\|Ding'an Road|清河坊社区\|Qinghefang|柳翠井巷社区\|Liucuijingxiang) Community$/);
  });

  it('gives the report\'s figures as cards, with plan attainment and last year\'s value', async () => {
    const o = await overview();
    const indicators = (await get('/api/indicators?year=2011')).body.indicators as { key: string; value: number; group: string }[];
    expect(o.indicators.map((g) => g.group)).toEqual(['economy', 'ecology', 'renovation', 'services']);
    for (const group of o.indicators) {
      expect(group.cards.map((c) => [c.key, c.value])).toEqual(indicators.filter((i) => i.group === group.group).map((i) => [i.key, i.value]));
    }
    const cards = Object.fromEntries(o.indicators.flatMap((g) => g.cards).map((c) => [c.key, c]));
    // the report states the percentages ("完成年度计划336.36%"): shown as stated, not value ÷ plan (53.8 ÷ 16 = 336.25 %)
    expect(cards.domestic_capital).toMatchObject({ value: 53.8, attainmentPct: 336.36, attainmentStated: true, status: 'good', scope: 'district' });
    expect(cards.domestic_capital_outside_city).toMatchObject({ value: 33.4, attainmentPct: 266.96, attainmentStated: true });
    expect(cards.foreign_capital).toMatchObject({ value: 895, attainmentPct: 111.87, attainmentStated: true });
    expect(cards.total_tax).toMatchObject({ value: 8.7, growthPct: 33.3, lastYear: 6.53, attainmentStated: false, status: 'good' });
    expect(cards.garbage_sorting_households).toMatchObject({ value: 9658, status: 'none' });
  });

  it('filters to one community, and counts a newly filed case at once', async () => {
    const district = await overview();
    const one = await overview(`?community=${QINGHEFANG}`);
    expect(one.community?.name.zh).toBe('清河坊社区');
    expect(one.cases.registered).toBe(district.series.byCommunity.find((p) => p.key === QINGHEFANG)!.value);
    expect(one.cases.registered).toBeLessThan(district.cases.registered);
    expect(one.series.renovation.every((r) => r.community === QINGHEFANG)).toBe(true);
    expect(one.series.byCommunity).toEqual(district.series.byCommunity);
    // renovation cards count the community's projects (2 courtyard buildings: 2,300 + 1,560 m², 52 + 36 households, no alley);
    // the other themes stay the district's and say so
    const cards = Object.fromEntries(one.indicators.flatMap((g) => g.cards).map((c) => [c.key, c]));
    expect(cards.courtyard_buildings).toMatchObject({ value: 2, scope: 'community', plan: null, growthPct: null });
    expect(cards.courtyard_floor_area).toMatchObject({ value: 3860, scope: 'community' });
    expect(cards.courtyard_households).toMatchObject({ value: 88, scope: 'community' });
    expect(cards.alleys_renovated).toMatchObject({ value: 0, scope: 'community' });
    expect(cards.domestic_capital).toMatchObject({ value: 53.8, scope: 'district' });
    expect(one.latest.every((c) => c.community === null || c.community.en === 'Qinghefang Community')).toBe(true);

    const filed = await fileCase(s);
    expect(filed.status).toBe(201);
    const after = await overview();
    expect(after.latest[0]!.number).toBe(filed.body.case.number);
  });

  it('refuses a bad community (400), no session (401) and roles that are not the leaders\' (403)', async () => {
    expect((await get('/api/overview?community=33010200105')).status).toBe(400);
    expect((await get('/api/overview?community=330102001099')).status).toBe(400);
    expect((await get('/api/overview?year=2011')).status).toBe(400);
    expect((await request(s.app).get('/api/overview')).status).toBe(401);
    expect((await get('/api/overview', 'planner')).status).toBe(403);
    expect((await get('/api/overview', 'handler')).status).toBe(403);
    expect((await get('/api/overview', 'inspector')).status).toBe(403);
  });
});
