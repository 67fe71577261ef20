import { expression, featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { TemporalHint } from '@shared/layers';
import {
  asOfStatus, asOfStatusExpression, combineFilters, monthSteps, nextDay, replaceGet, stepIndex, timelineFilters, timelineRange,
} from './asOf';

type StatusHint = TemporalHint & { status: NonNullable<TemporalHint['status']> };
const WORKS: StatusHint = { start: 'start_date', end: 'completed_date', status: { property: 'status', before: 'planned', during: 'under_construction' } };
const OPENED: TemporalHint = { start: 'opened_date' };

const SPEC = (type: 'string' | 'color') => ({ type, 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } });

/** Evaluates an expression as MapLibre does on a tile feature. */
function evaluate(expr: unknown, properties: Record<string, unknown>, type: 'string' | 'color' = 'string'): unknown {
  const parsed = expression.createExpression(expr, 'paint', SPEC(type) as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom: 15 }, { type: 'LineString', properties } as never);
}

/** Whether MapLibre's filter keeps a feature. */
function kept(filter: ExpressionSpecification, properties: Record<string, unknown>): boolean {
  return featureFilter(filter as FilterSpecification, 'filter').filter({ zoom: 15 }, { type: 1, properties } as never);
}

const alley = { status: 'accepted', start_date: '2011-03-15', completed_date: '2011-08-30' };

describe('status as of a date', () => {
  it.each([
    ['2011-03-14', 'planned'],
    ['2011-03-15', 'under_construction'],
    ['2011-06-01', 'under_construction'],
    ['2011-08-29', 'under_construction'],
    ['2011-08-30', 'accepted'],
    ['2012-01-01', 'accepted'],
  ])('on %s a project run 2011-03-15 … 2011-08-30 is %s, on the map as in the panel', (date, status) => {
    expect(asOfStatus(WORKS, alley, date)).toBe(status);
    expect(evaluate(asOfStatusExpression(WORKS, date), alley)).toBe(status);
  });

  it('keeps the stored status when a date is missing, and is "under construction" after a start without an end', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: 'planned' }, 'planned'],
      [{ status: 'completed', completed_date: '2011-12-01' }, 'completed'],
      [{ status: 'under_construction', start_date: '2011-01-10' }, 'under_construction'],
      [{ status: 'completed', start_date: '2011-07-01' }, 'planned'],
    ];
    for (const [props, status] of cases) {
      expect(asOfStatus(WORKS, props, '2011-06-01')).toBe(status);
      expect(evaluate(asOfStatusExpression(WORKS, '2011-06-01'), props)).toBe(status);
    }
  });

  it('has no as-of status for a layer without a status hint', () => {
    expect(asOfStatus(OPENED, { status: 'in_service' }, '2011-06-01')).toBeUndefined();
  });

  it('re-colours the served status colour by the status as of the date', () => {
    const served = ['match', ['to-string', ['get', 'status']], 'planned', '#8E9AAF', 'under_construction', '#7B3294', 'accepted', '#D55E00', '#D55E00'];
    const asOf = replaceGet(served, 'status', asOfStatusExpression(WORKS, '2011-06-01'));
    expect(String(evaluate(asOf, alley, 'color'))).toBe(String(evaluate(served, { status: 'under_construction' }, 'color')));
    expect(String(evaluate(asOf, { ...alley, start_date: '2011-07-01' }, 'color'))).toBe(String(evaluate(served, { status: 'planned' }, 'color')));
    expect(replaceGet('#fff', 'status', ['literal', 'x'])).toBe('#fff');
  });
});

describe('timeline filters', () => {
  const layers = [
    { id: 'garbage-rooms', temporal: OPENED },
    { id: 'alley-renovations', temporal: WORKS },
    { id: 'roads' },
  ];

  it('hide facilities opened after the date and leave status layers and undated layers alone', () => {
    const filters = timelineFilters(layers, '2011-06-05');
    expect(Object.keys(filters)).toEqual(['garbage-rooms']);
    const filter = filters['garbage-rooms']!;
    expect(kept(filter, { opened_date: '2011-05-18' })).toBe(true);
    expect(kept(filter, { opened_date: '2011-06-05' })).toBe(true);
    expect(kept(filter, { opened_date: '2011-06-06' })).toBe(false);
    expect(kept(filter, { opened_date: '2011-06-05T16:30:00Z' })).toBe(true);
    expect(kept(filter, {})).toBe(true);
    expect(timelineFilters(layers, null)).toEqual({});
  });

  it('combine with the planner filter of the same layer', () => {
    const planner: ExpressionSpecification = ['in', ['get', 'status'], ['literal', ['in_service']]];
    const both = combineFilters(planner, timelineFilters(layers, '2011-06-05')['garbage-rooms'])!;
    expect(kept(both, { status: 'in_service', opened_date: '2011-05-01' })).toBe(true);
    expect(kept(both, { status: 'closed', opened_date: '2011-05-01' })).toBe(false);
    expect(kept(both, { status: 'in_service', opened_date: '2011-07-01' })).toBe(false);
    expect(combineFilters(undefined, planner)).toBe(planner);
    expect(combineFilters(undefined, undefined)).toBeUndefined();
  });
});

describe('the slider scale', () => {
  it('spans the dated layers, an open end running to today', () => {
    expect(timelineRange([
      { temporal: OPENED, interval: ['2011-04-22T00:00:00.000Z', '2011-10-20T23:59:59.999Z'] },
      { temporal: WORKS, interval: ['2011-03-01T00:00:00.000Z', '2011-12-20T23:59:59.999Z'] },
      { interval: ['2001-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z'] },
    ], '2026-01-01')).toEqual({ min: '2011-03-01', max: '2011-12-20' });
    expect(timelineRange([{ temporal: OPENED, interval: ['2011-04-22T00:00:00.000Z', null] }], '2012-02-03')).toEqual({ min: '2011-04-22', max: '2012-02-03' });
    expect(timelineRange([{ temporal: OPENED }], '2012-02-03')).toBeUndefined();
  });

  it('steps by month and ends on the last date', () => {
    const steps = monthSteps('2011-03-01', '2011-12-20');
    expect(steps).toEqual(['2011-03-01', '2011-04-01', '2011-05-01', '2011-06-01', '2011-07-01', '2011-08-01', '2011-09-01', '2011-10-01', '2011-11-01', '2011-12-01', '2011-12-20']);
    expect(monthSteps('2011-11-15', '2012-01-01')).toEqual(['2011-11-01', '2011-12-01', '2012-01-01']);
    expect(stepIndex(steps, '2011-06-15')).toBe(3);
    expect(stepIndex(steps, '2010-01-01')).toBe(0);
  });

  it('steps to the next day across a year end', () => {
    expect(nextDay('2011-12-31')).toBe('2012-01-01');
  });
});
