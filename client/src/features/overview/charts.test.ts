import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@shared/overview';
import { monthOption, rankedOption, renovationOption } from './charts';

/** Every `fontSize` anywhere in a chart option. */
function fontSizes(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(fontSizes);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'fontSize' && typeof v === 'number' ? [v] : fontSizes(v)));
}

const points: SeriesPoint[] = [{ key: '2011-01', label: { zh: '一月', en: 'January' }, value: 3 }];

describe('overview chart text', () => {
  it('is never smaller than the canvas minimum font (16.9 px on a 1366×768 screen), and 12 px or more at full size', () => {
    const names = { kinds: { 'alley-renovations': 'Alleys', 'courtyard-buildings': 'Courtyard buildings' }, statuses: {} };
    for (const minFont of [undefined, 12, 16.9]) {
      const options = [monthOption(points, { minFont }), rankedOption(points, 'en', { minFont }), renovationOption([], names, { minFont })];
      for (const o of options) {
        const sizes = fontSizes(o);
        expect(sizes.length).toBeGreaterThanOrEqual(2);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(minFont ?? 12);
      }
    }
  });
});
