import { area, circle, featureCollection, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { unionAll, type AreaFeature } from './geometry';

/** Circles of 300 m on a deterministic scatter over about 1.5 × 1.2 km, some overlapping, some apart. */
function circles(n: number): AreaFeature[] {
  return Array.from({ length: n }, (_, i) => {
    const x = 120.154 + ((i * 7919) % 97) / 97 * 0.015;
    const y = 30.234 + ((i * 104729) % 89) / 89 * 0.011;
    return circle([x, y], 300, { units: 'meters', steps: 32 }) as AreaFeature;
  });
}

describe('unionAll', () => {
  it('gives nothing for nothing and one polygon back as it is', () => {
    expect(unionAll([])).toBeNull();
    const [only] = circles(1);
    expect(unionAll([only!])).toBe(only);
  });

  it('gives the same area as one many-polygon turf union', () => {
    const list = circles(40);
    const flat = union(featureCollection(list))!;
    const tree = unionAll(list)!;
    expect(area(tree)).toBeCloseTo(area(flat), -1);
    expect(Math.abs(area(tree) - area(flat)) / area(flat)).toBeLessThan(1e-9);
  });

  it('keeps disjoint polygons as parts of one multipolygon', () => {
    const far = [circle([120.15, 30.23], 100, { units: 'meters' }), circle([120.17, 30.25], 100, { units: 'meters' })] as AreaFeature[];
    const result = unionAll(far)!;
    expect(result.geometry.type).toBe('MultiPolygon');
    expect(area(result)).toBeCloseTo(area(far[0]!) + area(far[1]!), 0);
  });
});
