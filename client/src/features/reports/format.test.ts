import { describe, expect, it } from 'vitest';
import { defaultPeriod, formatFigure, previousMonth, rowLabel } from './format';

describe('report formatting', () => {
  it('shows rates as percentages, hours with two decimals and undefined figures as a dash', () => {
    expect(formatFigure(0.6667, 'rate', 'zh-CN')).toBe('66.7%');
    expect(formatFigure(1, 'rate', 'en')).toBe('100.0%');
    expect(formatFigure(2.25, 'hours', 'en')).toBe('2.25');
    expect(formatFigure(2734, 'count', 'en')).toBe('2,734');
    expect(formatFigure(null, 'rate', 'zh-CN')).toBe('—');
  });

  it('names a group in the UI language, and the cases without one', () => {
    const row = { key: 'sanitation', label: { zh: '环卫所', en: 'Sanitation' } };
    expect(rowLabel(row, 'en', 'None')).toBe('Sanitation');
    expect(rowLabel(row, 'zh-CN', '未指定')).toBe('环卫所');
    expect(rowLabel({ key: null, label: { zh: '未指定', en: 'None' } }, 'zh-CN', '（未派遣）')).toBe('（未派遣）');
  });

  it('defaults to this year so far and to last month', () => {
    const now = new Date(2026, 0, 15, 10);
    expect(defaultPeriod(now)).toEqual({ from: '2026-01-01', to: '2026-01-15' });
    expect(previousMonth(now)).toBe('2025-12');
    expect(previousMonth(new Date(2011, 6, 1, 10))).toBe('2011-06');
  });
});
