import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGeometry, MAX_GEOMETRY_POSITIONS } from './geometry-checks';

type P = [number, number];

const polygon = (...rings: P[][]) => ({ type: 'Polygon', coordinates: rings });
const messages = (g: unknown, family: 'Point' | 'LineString' | 'Polygon' = 'Polygon') => checkGeometry(g, family).map((p) => p.message);
const SQUARE: P[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];

/** A star polygon {n/k}: every edge crosses others. */
function star(n: number): P[] {
  const k = Math.floor(n / 2) - 1;
  const ring = Array.from({ length: n }, (_, i): P => {
    const a = (2 * Math.PI * ((i * k) % n)) / n;
    return [120.16 + 0.005 * Math.cos(a), 30.24 + 0.005 * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}

/** A valid wavy ring of n distinct positions around a centre. */
function wavy(n: number): P[] {
  const ring = Array.from({ length: n }, (_, i): P => {
    const a = (2 * Math.PI * i) / n;
    const r = 0.005 * (1 + 0.2 * Math.sin(a * 37));
    return [120.16 + r * Math.cos(a), 30.24 + r * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}

describe('polygon self-intersection (sweep line)', () => {
  it('accepts simple polygons: convex, concave, with vertical edges, with a hole inside', () => {
    expect(messages(polygon(SQUARE))).toEqual([]);
    expect(messages(polygon([[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]]))).toEqual([]);
    expect(messages(polygon([[0, 0], [0, 2], [1, 2], [1, 0], [0, 0]]))).toEqual([]);
    expect(messages(polygon(SQUARE, [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]))).toEqual([]);
  });

  it('accepts repeated consecutive positions (they add no segment)', () => {
    expect(messages(polygon([[0, 0], [4, 0], [4, 0], [4, 4], [0, 4], [0, 4], [0, 0]]))).toEqual([]);
  });

  it('refuses a bowtie and a star, naming where', () => {
    expect(messages(polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]))).toEqual(['polygon intersects itself near [1.000000, 1.000000]']);
    expect(messages(polygon(star(101)))[0]).toMatch(/^polygon intersects itself near \[120\.\d+, 30\.\d+\]$/);
  });

  it('refuses holes that cross or touch the shell, at a vertex or along an edge (as before: rings may not touch)', () => {
    expect(messages(polygon(SQUARE, [[2, -1], [3, 1], [1, 1], [2, -1]]))).toHaveLength(1);
    expect(messages(polygon(SQUARE, [[0, 0], [3, 1], [1, 3], [0, 0]]))).toEqual(['polygon intersects itself near [0.000000, 0.000000]']);
    expect(messages(polygon(SQUARE, [[2, 0], [3, 1], [1, 1], [2, 0]]))).toEqual(['polygon intersects itself near [2.000000, 0.000000]']);
  });

  it('refuses a ring touching itself and collinear overlaps (spikes, edges running along each other)', () => {
    expect(messages(polygon([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]))).toEqual(['polygon intersects itself near [1.000000, 1.000000]']);
    expect(messages(polygon([[0, 0], [4, 0], [4, 2], [2, 0], [0, 2], [0, 0]]))).toEqual(['polygon intersects itself near [2.000000, 0.000000]']);
    expect(messages(polygon([[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]])))
      .toEqual(['polygon intersects itself near [3.000000, 0.000000] (the boundary doubles back on itself)']);
    expect(messages(polygon([[0, 0], [4, 0], [4, 1], [1, 1], [1, 0], [3, 0], [3, -1], [0, -1], [0, 0]]))).toHaveLength(1);
  });

  it('refuses polygons of a MultiPolygon that touch or overlap edges, accepts apart ones', () => {
    const apart = { type: 'MultiPolygon', coordinates: [[SQUARE], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]] };
    const touching = { type: 'MultiPolygon', coordinates: [[SQUARE], [[[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]] };
    expect(messages(apart)).toEqual([]);
    expect(messages(touching)).toEqual(['polygon intersects itself near [4.000000, 4.000000]']);
  });

  it('agrees with a pairwise check on 3,000 random rings on a coarse grid (many ties and collinear cases)', () => {
    const ring = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 3, maxLength: 8 })
      .map((ps) => [...ps, ps[0]!] as P[]);
    fc.assert(fc.property(fc.array(ring, { minLength: 1, maxLength: 2 }), (rings) => {
      const found = checkGeometry(polygon(...rings), 'Polygon');
      if (found.some((p) => !p.message.startsWith('polygon intersects itself'))) return;
      expect(found.length > 0).toBe(pairwiseContact(rings));
    }), { numRuns: 3000, seed: 1127 });
  });
});

describe('degenerate geometries', () => {
  it('refuses rings of collinear or repeated positions and lines of one position', () => {
    expect(messages(polygon([[0, 0], [1, 1], [2, 2], [0, 0]]))).toEqual(['ring has zero area (its positions are collinear)']);
    expect(messages(polygon([[0, 0], [1, 1], [1, 1], [0, 0]]))).toEqual(['a ring needs at least 3 distinct positions']);
    expect(messages({ type: 'LineString', coordinates: [[120.1, 30.2], [120.1, 30.2], [120.1, 30.2]] }, 'LineString'))
      .toEqual(['a line needs at least 2 distinct positions (it has zero length)']);
    expect(messages({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [2, 2]]] }, 'LineString')).toHaveLength(1);
  });
});

describe('bounded work', () => {
  it(`refuses more than ${MAX_GEOMETRY_POSITIONS} positions before checking crossings`, () => {
    const ring = wavy(MAX_GEOMETRY_POSITIONS);
    expect(messages(polygon(ring))).toEqual([`a geometry may have at most ${MAX_GEOMETRY_POSITIONS} positions`]);
    expect(messages(polygon(ring.slice(0, -2).concat([ring[0]!])))).toEqual([]);
    expect(messages({ type: 'MultiPolygon', coordinates: [[ring.slice(0, 6000)], [ring.slice(0, 6000)]] })).toHaveLength(1);
  });

  it('finds the crossing of a 6,001-vertex star and checks a valid polygon at the cap', () => {
    expect(messages(polygon(star(6001)))[0]).toMatch(/intersects itself/);
    expect(messages(polygon(wavy(MAX_GEOMETRY_POSITIONS - 1)))).toEqual([]);
  });

  it('never descends into nesting deeper than the type allows, and reports at most 20 problems', () => {
    let deep: unknown = [120.16, 30.24];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(messages({ type: 'Point', coordinates: deep }, 'Point')).toEqual(['a position must be [lon, lat] of finite numbers']);
    expect(messages(polygon([deep as P, deep as P, deep as P, deep as P]))).toHaveLength(4);
    expect(messages({ type: 'MultiPolygon', coordinates: Array.from({ length: 50_000 }, () => []) })).toHaveLength(20);
    expect(messages({ type: deep, coordinates: [] }, 'Point')).toEqual(['expected Point or MultiPoint, got a list']);
  });
});

/** Reference: every pair of segments, O(n²). Consecutive segments of a ring may share their vertex only. */
function pairwiseContact(rings: P[][]): boolean {
  const orient = (a: P, b: P, c: P) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const on = (a: P, b: P, c: P) => orient(a, b, c) === 0 && Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0])
    && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
  const meet = (a: P, b: P, c: P, d: P) => (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0)
    || on(a, b, c) || on(a, b, d) || on(c, d, a) || on(c, d, b);
  const segs: { a: P; b: P; r: number; i: number; n: number }[] = [];
  rings.forEach((ring, r) => {
    const open: P[] = [];
    for (const p of ring.slice(0, -1)) if (!open.length || open[open.length - 1]!.join() !== p.join()) open.push(p);
    while (open.length > 1 && open[0]!.join() === open[open.length - 1]!.join()) open.pop();
    open.forEach((p, i) => segs.push({ a: p, b: open[(i + 1) % open.length]!, r, i, n: open.length }));
  });
  for (let x = 0; x < segs.length; x += 1) {
    for (let y = x + 1; y < segs.length; y += 1) {
      const [s, t] = [segs[x]!, segs[y]!];
      const follows = s.r === t.r && (s.i + 1) % s.n === t.i;
      const precedes = s.r === t.r && (t.i + 1) % t.n === s.i;
      if (!follows && !precedes) {
        if (meet(s.a, s.b, t.a, t.b)) return true;
        continue;
      }
      const [v, u, w] = follows ? [s.b, s.a, t.b] : [s.a, s.b, t.a];
      if (orient(u, v, w) === 0 && (u[0] - v[0]) * (w[0] - v[0]) + (u[1] - v[1]) * (w[1] - v[1]) > 0) return true;
    }
  }
  return false;
}
