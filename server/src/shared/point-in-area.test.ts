import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaBbox, areaContaining, pointInArea } from './point-in-area';

const square = (w: number, s: number, e: number, n: number): number[][] => [[w, s], [e, s], [e, n], [w, n], [w, s]];
const community = (code: string, geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon, { code: string }> => ({ type: 'Feature', geometry, properties: { code } });

// Two neighbouring communities sharing the edge x = 120.16; the second has a courtyard (hole) that belongs to neither.
const hefang = community('hefang', { type: 'Polygon', coordinates: [square(120.15, 30.24, 120.16, 30.25)] });
const wushan = community('wushan', { type: 'Polygon', coordinates: [square(120.16, 30.24, 120.18, 30.25), square(120.165, 30.243, 120.17, 30.247)] });
const lake: Feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.15, 30.24], [120.18, 30.25]] }, properties: { code: 'not an area' } };
const communities = [lake, hefang, wushan];

describe('areaContaining', () => {
  it('finds the community holding a point inside each of two communities', () => {
    expect(areaContaining([120.155, 30.245], communities)?.properties).toEqual({ code: 'hefang' });
    expect(areaContaining([120.175, 30.245], communities)?.properties).toEqual({ code: 'wushan' });
  });

  it('finds none for a point on no polygon', () => {
    expect(areaContaining([120.20, 30.245], communities)).toBeUndefined();
    expect(areaContaining([120.155, 30.26], communities)).toBeUndefined();
    expect(areaContaining([120.155, 30.245], [])).toBeUndefined();
  });

  it('finds none for a point in a polygon\'s hole, and the polygon for a point between hole and shell', () => {
    expect(areaContaining([120.1675, 30.245], communities)).toBeUndefined();
    expect(areaContaining([120.162, 30.245], communities)?.properties).toEqual({ code: 'wushan' });
  });

  it('counts an edge as inside: a shared edge goes to the first community listed', () => {
    expect(areaContaining([120.16, 30.245], communities)?.properties).toEqual({ code: 'hefang' });
    expect(areaContaining([120.16, 30.245], [wushan, hefang])?.properties).toEqual({ code: 'wushan' });
  });
});

describe('pointInArea', () => {
  it('treats an edge, a vertex and a hole\'s edge as inside unless ignoreBoundary', () => {
    for (const p of [[120.16, 30.245], [120.16, 30.24], [120.165, 30.245]]) {
      expect(pointInArea(p, wushan.geometry)).toBe(true);
      expect(pointInArea(p, wushan.geometry, { ignoreBoundary: true })).toBe(false);
    }
  });

  it('reads a MultiPolygon as any of its parts', () => {
    const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(2, 0, 3, 1)]] };
    expect(pointInArea([2.5, 0.5], two)).toBe(true);
    expect(pointInArea([1.5, 0.5], two)).toBe(false);
    expect(areaBbox(two)).toEqual([0, 0, 3, 1]);
  });

  it('handles a concave shell (a U shape) by its outline, not its bounding box', () => {
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    expect(pointInArea([1.5, 2], u)).toBe(false);
    expect(pointInArea([0.5, 2], u)).toBe(true);
    expect(pointInArea([2.5, 2], u)).toBe(true);
  });
});
