import { expression } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@shared/layers';
import { filterableProperties, filterExpression, matchesFilter, type LayerFilter } from './filters';

/** Evaluates a filter as MapLibre does on a tile feature. */
function mapLibrePasses(filter: ExpressionSpecification, properties: Record<string, unknown>): boolean {
  const parsed = expression.createExpression(filter, {
    type: 'boolean', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom: 15 }, { type: 'LineString', properties } as never) === true;
}

const schema: LayerSchema = {
  type: 'object',
  required: ['name', 'status'],
  properties: {
    name: { type: 'string', title: '名称' },
    status: { type: 'string', enum: ['planned', 'under_construction', 'completed', 'accepted'] },
    progress_pct: { type: 'number', minimum: 0, maximum: 100 },
    start_date: { type: 'string', format: 'date' },
    before_desc: { type: 'string', 'x-long-text': true },
    demo: { type: 'boolean' },
  },
};

const renovations: Record<string, unknown>[] = [
  { name: '甲巷', status: 'planned', progress_pct: 0, start_date: '2011-09-01' },
  { name: '乙巷', status: 'under_construction', progress_pct: 45, start_date: '2010-05-20' },
  { name: '丙巷', status: 'completed', progress_pct: 100, start_date: '2009-03-02' },
  { name: '丁巷', status: 'accepted', progress_pct: 100 },
];

describe('layer filters', () => {
  it('offers enums, numbers and dates from the schema, not names, long text or booleans', () => {
    expect(filterableProperties(schema).map((p) => [p.key, p.kind])).toEqual([
      ['status', 'in'], ['progress_pct', 'range'], ['start_date', 'years'],
    ]);
  });

  it('adds no expression for a filter that restricts nothing', () => {
    expect(filterExpression(undefined)).toBeUndefined();
    expect(filterExpression({ progress_pct: { kind: 'range' } })).toBeUndefined();
  });

  const cases: [string, LayerFilter, string[]][] = [
    ['status in a set', { status: { kind: 'in', values: ['planned', 'under_construction'] } }, ['甲巷', '乙巷']],
    ['no status chosen', { status: { kind: 'in', values: [] } }, []],
    ['progress from 40 %', { progress_pct: { kind: 'range', min: 40 } }, ['乙巷', '丙巷', '丁巷']],
    ['progress 1–99 %', { progress_pct: { kind: 'range', min: 1, max: 99 } }, ['乙巷']],
    ['started 2010–2011 (a missing date fails)', { start_date: { kind: 'years', min: 2010, max: 2011 } }, ['甲巷', '乙巷']],
    ['status and progress together', { status: { kind: 'in', values: ['completed', 'accepted'] }, start_date: { kind: 'years', max: 2009 } }, ['丙巷']],
  ];

  it.each(cases)('%s: the map expression and the counting matcher pick the same features', (_name, filter, expected) => {
    const expr = filterExpression(filter);
    const onMap = renovations.filter((p) => (expr ? mapLibrePasses(expr, p) : true)).map((p) => p.name);
    const counted = renovations.filter((p) => matchesFilter(p, filter)).map((p) => p.name);
    expect(onMap).toEqual(expected);
    expect(counted).toEqual(expected);
  });

  it('lets aggregates of clustered points through', () => {
    const expr = filterExpression({ status: { kind: 'in', values: ['planned'] } });
    expect(mapLibrePasses(expr!, { point_count: 12 })).toBe(true);
  });
});
