import { describe, expect, it } from 'vitest';
import { parseCql2Json } from './json-parser';
import { TextParser } from './text-parser';

// the 8 KB bound on `filter` keeps a GET below 10,000 positions; these read longer texts directly
const line = (n: number) => Array.from({ length: n }, (_, i) => [120 + i * 1e-6, 30]);

describe('CQL2 geometry bounds', () => {
  it('refuses a GeoJSON literal with more than 10,000 positions, and reads one with 10,000', () => {
    const json = (n: number) => JSON.stringify({ op: 's_intersects', args: [{ property: 'geometry' }, { type: 'LineString', coordinates: line(n) }] });
    expect(() => parseCql2Json(json(10_001))).toThrow(/more than 10000 positions/);
    expect(parseCql2Json(json(10_000))).toMatchObject({ kind: 'op', op: 's_intersects' });
  });

  it('refuses a WKT literal with more than 10,000 positions', () => {
    const wkt = `S_INTERSECTS(geometry, LINESTRING(${line(10_001).map((p) => p.join(' ')).join(', ')}))`;
    expect(() => new TextParser(wkt).parse()).toThrow(/more than 10000 positions/);
  });

  it('refuses nesting past 20 levels without recursing further', () => {
    expect(() => new TextParser(`${'NOT '.repeat(100_000)}a = 1`).parse()).toThrow(/deeper than 20/);
  });
});
