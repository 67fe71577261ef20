import { describe, expect, it } from 'vitest';
import { auditUrl } from './api';
import { featureLayerOf, formatValue, MAX_VALUE_LENGTH, summaryLines } from './summary';

describe('summaryLines', () => {
  it('lists a creation\'s properties and geometry type', () => {
    expect(summaryLines({ after: { name: '清波门垃圾房', bins: 4, note: null }, geometry: 'Point' })).toEqual([
      { kind: 'after', key: 'name', value: '清波门垃圾房' },
      { kind: 'after', key: 'bins', value: '4' },
      { kind: 'after', key: 'note', value: '∅' },
      { kind: 'geometry', type: 'Point' },
    ]);
  });

  it('shows each change as before and after', () => {
    expect(summaryLines({ changed: { status: ['planned', 'in_service'], address: [null, '南山路'] }, geometryChanged: false }, { empty: '空' })).toEqual([
      { kind: 'changed', key: 'status', before: 'planned', after: 'in_service' },
      { kind: 'changed', key: 'address', before: '空', after: '南山路' },
    ]);
    expect(summaryLines({ changed: {}, geometryChanged: true })).toEqual([{ kind: 'geometryChanged' }]);
  });

  it('names keys and values with the given format, e.g. a layer\'s titles and enum labels', () => {
    const labels: Record<string, string> = { planned: '规划', in_service: '使用中' };
    const format = { key: (key: string) => (key === 'status' ? '状态' : key), value: (_key: string, value: unknown) => labels[String(value)] };

    expect(summaryLines({ changed: { status: ['planned', 'in_service'], bins: [4, null] } }, format)).toEqual([
      { kind: 'changed', key: '状态', before: '规划', after: '使用中' },
      { kind: 'changed', key: 'bins', before: '4', after: '∅' },
    ]);
  });

  it('lists what a deletion removed, and anything unknown as JSON', () => {
    expect(summaryLines({ before: { name: 'x' }, reason: { by: 'cli' } })).toEqual([
      { kind: 'before', key: 'name', value: 'x' },
      { kind: 'other', key: 'reason', value: '{"by":"cli"}' },
    ]);
    expect(summaryLines({})).toEqual([]);
  });

  it('keeps markup as literal text and cuts long values', () => {
    const payload = '<img src=x onerror="window.__xss=1">';
    expect(summaryLines({ after: { name: payload } })).toEqual([{ kind: 'after', key: 'name', value: payload }]);
    const long = formatValue('长'.repeat(500));
    expect(long).toHaveLength(MAX_VALUE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('audit helpers', () => {
  it('reads the layer of a feature entity and builds the query URL', () => {
    expect(featureLayerOf('feature:garbage-rooms')).toBe('garbage-rooms');
    expect(featureLayerOf('session')).toBeUndefined();
    expect(auditUrl({ limit: 25, offset: 50 })).toBe('/api/audit?limit=25&offset=50');
    expect(auditUrl({ entity: 'feature:a&b', limit: 25, offset: 0 })).toBe('/api/audit?limit=25&offset=0&entity=feature%3Aa%26b');
  });
});
