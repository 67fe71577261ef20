import { describe, expect, it } from 'vitest';
import { compileCalendar, createWorkingTime, DEFAULT_CALENDAR } from '../calendar';
import { computeKpis, kpiFigures, type KpiCase } from './kpis';

const time = createWorkingTime(compileCalendar(DEFAULT_CALENDAR));
const minutes = (a: string, b: string) => time.workingElapsed(a, b);
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();
const A = '330102001051';
const B = '330102001052';

const base: KpiCase = {
  state: 'closed', categoryCode: 'E01-03', communityCode: A, gridCode: null, department: 'sanitation', reporterId: 3,
  registeredAt: local('2011-03-07 08:40'), dispatchedAt: local('2011-03-07 09:00'), feedbackAt: null, deadline: local('2011-03-07 11:00'),
  postponed: false, reworkCount: 0,
};

/** Eight hand-made cases; the expected figures below are worked out by hand from the CJ/T 292 evaluation formulas. */
const CASES: KpiCase[] = [
  { ...base, feedbackAt: local('2011-03-07 10:00') },
  { ...base, feedbackAt: local('2011-03-07 14:00'), reworkCount: 1 },
  { ...base, communityCode: B, postponed: true, dispatchedAt: local('2011-03-08 09:00'), feedbackAt: local('2011-03-08 09:30'), deadline: local('2011-03-09 09:00') },
  { ...base, communityCode: B, state: 'handling', postponed: true, deadline: local('2011-03-20 09:00') },
  { ...base, state: 'handling' },
  { ...base, state: 'void', dispatchedAt: null, deadline: null },
  { ...base, communityCode: B, state: 'feedback', feedbackAt: local('2011-03-07 10:30'), reworkCount: 1 },
  { ...base, communityCode: null, state: 'dispatched', registeredAt: '2011-03-31T17:00:00.000Z' },
];

describe('kpiFigures', () => {
  it('computes every KPI of a hand-made set', () => {
    expect(kpiFigures(CASES, minutes)).toEqual({
      registered: 8,
      dueToClose: 7, // all but the void case
      closed: 3,
      closedOnTime: 2, // the second closed case fed back at 14:00, after its 11:00 deadline
      postponedOpen: 1,
      postponed: 2,
      verified: 4, // three closed, one sent back and waiting for verification again
      reworked: 2,
      closureRate: 0.5, // 3 ÷ (7 − 1)
      onTimeClosureRate: 0.3333, // 2 ÷ 6
      reworkRate: 0.5, // 2 ÷ 4
      postponementRate: 0.2857, // 2 ÷ 7
      avgHandlingHours: 1.67, // (60 + 210 + 30 working minutes) ÷ 3 = 100 minutes
    });
  });

  it('leaves rates undefined when nothing is due', () => {
    expect(kpiFigures([], minutes)).toMatchObject({ registered: 0, closureRate: null, onTimeClosureRate: null, reworkRate: null, postponementRate: null, avgHandlingHours: null });
  });

  it('reaches 100 % when every due case is closed on time', () => {
    const all = [CASES[0]!, CASES[2]!, { ...CASES[5]! }];
    expect(kpiFigures(all, minutes)).toMatchObject({ registered: 3, dueToClose: 2, closureRate: 1, onTimeClosureRate: 1, reworkRate: 0 });
  });
});

describe('computeKpis', () => {
  it('groups by local registration month', () => {
    const { groups } = computeKpis(CASES, 'month', minutes, 480);
    expect(groups.map((g) => g.key)).toEqual(['2011-03', '2011-04']); // 17:00 UTC on 31 March is 1 April in Hangzhou
    expect(groups[0]!.figures).toMatchObject({ registered: 7, dueToClose: 6, closed: 3, closureRate: 0.6, onTimeClosureRate: 0.4, postponementRate: 0.3333 });
    expect(groups[1]!.figures).toMatchObject({ registered: 1, closed: 0, closureRate: 0, reworkRate: null, avgHandlingHours: null });
  });

  it('groups by community, the unknown community last', () => {
    const { groups, total } = computeKpis(CASES, 'community', minutes, 480);
    expect(groups.map((g) => g.key)).toEqual([A, B, null]);
    expect(groups[0]!.figures).toMatchObject({ registered: 4, dueToClose: 3, closed: 2, closureRate: 0.6667, onTimeClosureRate: 0.3333, reworkRate: 0.5, postponementRate: 0, avgHandlingHours: 2.25 });
    expect(groups[1]!.figures).toMatchObject({ registered: 3, postponedOpen: 1, closureRate: 0.5, onTimeClosureRate: 0.5, reworkRate: 0.5, postponementRate: 0.6667, avgHandlingHours: 0.5 });
    expect(total.registered).toBe(8);
  });

  it('groups by department, category, grid and reporter', () => {
    expect(computeKpis(CASES, 'department', minutes, 480).groups.map((g) => g.key)).toEqual(['sanitation']);
    expect(computeKpis(CASES, 'category', minutes, 480).groups.map((g) => g.key)).toEqual(['E01-03']);
    expect(computeKpis(CASES, 'grid', minutes, 480).groups.map((g) => g.key)).toEqual([null]);
    expect(computeKpis(CASES, 'inspector', minutes, 480).groups.map((g) => g.key)).toEqual(['3']);
  });
});
