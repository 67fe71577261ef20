import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState, type PlannerUrlState } from './urlState';

describe('the /map link state', () => {
  const state: PlannerUrlState = {
    view: { center: [120.16512, 30.24501], zoom: 16.25 },
    layers: ['communities', 'alley-renovations'],
    filters: {
      'alley-renovations': {
        status: { kind: 'in', values: ['planned', 'under_construction'] },
        progress_pct: { kind: 'range', min: 10 },
        start_date: { kind: 'years', min: 2010, max: 2011 },
      },
      'garbage-rooms': { community: { kind: 'in', values: ['清波门社区'] } },
    },
    selection: { layerId: 'alley-renovations', featureId: 'ar-7' },
  };

  it('round-trips view, layers, filters and selection through the query', () => {
    const query = encodeUrlState(state);
    expect(query).toMatchObject({ c: '120.16512,30.24501', z: '16.25', layers: 'communities,alley-renovations', sel: 'alley-renovations/ar-7' });
    expect(decodeUrlState(query as Record<string, string>)).toEqual(state);
  });

  it('rounds the view to about a metre', () => {
    expect(encodeUrlState({ filters: {}, view: { center: [120.123456789, 30.987654321], zoom: 15.123456 } })).toMatchObject({ c: '120.12346,30.98765', z: '15.12' });
  });

  it('keeps values with separators intact', () => {
    const tricky: PlannerUrlState = { filters: { shops: { kind: { kind: 'in', values: ['a,b', 'c|d', 'e:f'] } } } };
    expect(decodeUrlState(encodeUrlState(tricky) as Record<string, string>)).toEqual(tricky);
  });

  it('writes faded layers\' opacity as whole percents, leaves fully opaque ones out and reads it back', () => {
    const query = encodeUrlState({ filters: {}, opacity: { communities: 0.35, roads: 1, 'grid-cells': 0 } });

    expect(query).toEqual({ op: 'communities:35,grid-cells:0' });
    expect(decodeUrlState(query as Record<string, string>).opacity).toEqual({ communities: 0.35, 'grid-cells': 0 });
    expect(encodeUrlState({ filters: {}, opacity: { roads: 1 } })).toEqual({});
  });

  it('drops malformed opacities', () => {
    expect(decodeUrlState({ op: 'roads:50,water:150,hills:-5,greens:abc,BAD:20,<x>:1,communities' }).opacity).toEqual({ roads: 0.5 });
    expect(decodeUrlState({ op: 'water:101' }).opacity).toBeUndefined();
  });

  it('reads an empty layer list as "all hidden" and a missing one as "as the style has them"', () => {
    expect(decodeUrlState({ layers: '' }).layers).toEqual([]);
    expect(decodeUrlState({}).layers).toBeUndefined();
  });

  it('drops malformed parts', () => {
    const decoded = decodeUrlState({
      c: 'east,north', z: '15', layers: 'roads,<script>', 'f.roads': 'class:range:x..3,name:bogus:1,width:range:2..', 'f.BAD': 'a:in:b', sel: 'roads',
    });
    expect(decoded).toEqual({ layers: ['roads'], filters: { roads: { width: { kind: 'range', min: 2 } } } });
  });
});
