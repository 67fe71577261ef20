import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import type { CaseReport } from '@shared/reports';
import { reportChartOption } from './chart';
import { usePageSize } from './usePageSize';

const figures = { dueToClose: 0, closedOnTime: 0, postponedOpen: 0, postponed: 0, verified: 0, reworked: 0, closureRate: null, reworkRate: null, postponementRate: null, avgHandlingHours: null };
const report: CaseReport = {
  groupBy: 'department', from: null, to: null, fromDate: '2011-03-01', toDate: '2011-03-31',
  rows: [
    { key: 'sanitation', label: { zh: '环卫所', en: 'Sanitation' }, ...figures, registered: 3, closed: 2, onTimeClosureRate: 0.5 },
    { key: null, label: { zh: '未指定', en: 'None' }, ...figures, registered: 1, closed: 0, onTimeClosureRate: null },
  ],
  total: { ...figures, registered: 4, closed: 2, onTimeClosureRate: 0.25 },
};

describe('the report chart', () => {
  it('draws registered and closed as bars and the on-time closure rate in % on a second axis', () => {
    const option = reportChartOption(report, 'en', { registered: 'Registered', closed: 'Closed', rate: 'On time', none: 'Not dispatched' });
    expect(option.xAxis).toMatchObject({ data: ['Sanitation', 'Not dispatched'] });
    expect((option.series as { name: string; data: unknown[]; yAxisIndex?: number }[]).map((s) => [s.name, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['Registered', [3, 1], 0], ['Closed', [2, 0], 0], ['On time', [50, null], 1],
    ]);
  });
});

describe('usePageSize', () => {
  it('adds an @page rule while its scope lives and removes it after', () => {
    const scope = effectScope();
    const style = scope.run(() => usePageSize({ size: 'A4 portrait', margin: '15mm' }))!;
    expect(document.head.contains(style)).toBe(true);
    expect(style.textContent).toContain('@page { size: A4 portrait; margin: 15mm; }');
    scope.stop();
    expect(document.head.contains(style)).toBe(false);
  });
});
