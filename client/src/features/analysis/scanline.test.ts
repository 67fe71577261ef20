import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaOfRows, coarsen, discRows, intersectIntervals, lineY, polygonRows, subtractIntervals, type ScanGrid } from './scanline';
import { scanShapes } from './scanlineShapes';

const list = (...xs: number[]) => Float64Array.from(xs);
const plain = (rows: readonly Float64Array[]) => rows.map((r) => [...r]);

describe('interval operations', () => {
  it('intersects and subtracts sorted interval lists', () => {
    const a = list(0, 4, 6, 10);
    const b = list(2, 7, 9, 12);
    expect([...intersectIntervals(a, b)]).toEqual([2, 4, 6, 7, 9, 10]);
    expect([...subtractIntervals(a, b)]).toEqual([0, 2, 7, 9]);
    expect([...subtractIntervals(b, a)]).toEqual([4, 6, 10, 12]);
    expect([...subtractIntervals(a, list(-1, 11))]).toEqual([]);
    expect([...subtractIntervals(list(0, 10), list(2, 3, 5, 6))]).toEqual([0, 2, 3, 5, 6, 10]);
  });
});

describe('polygonRows', () => {
  const grid: ScanGrid = { y0: 0, step: 1, count: 10 };

  it('gives a square with a square hole as two intervals on the lines through the hole', () => {
    const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
    const hole = [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]];
    const rows = polygonRows([outer, hole], grid);

    expect(plain(rows)[0]).toEqual([0, 10]);
    expect(plain(rows)[4]).toEqual([0, 4, 6, 10]); // line y = 4.5
    expect(plain(rows)[6]).toEqual([0, 10]); // line y = 6.5
    expect(areaOfRows(rows, grid)).toBe(100 - 4);
  });

  it('measures a triangle exactly (straight edges, midpoint rule)', () => {
    expect(areaOfRows(polygonRows([[[0, 0], [10, 0], [0, 10], [0, 0]]], grid), grid)).toBeCloseTo(50, 9);
  });
});

describe('coarsen', () => {
  it('keeps the middle line of every run of k, on a grid k times as coarse', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((j) => list(j, j + 1));
    const { rows: coarse, grid } = coarsen(rows, { y0: 0, step: 1, count: 6 }, 2);
    expect(plain(coarse)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect([0, 1, 2].map((j) => lineY(grid, j))).toEqual([1.5, 3.5, 5.5]);
    expect(grid.step).toBe(2);
  });
});

describe('discRows', () => {
  it('merges the chords of overlapping discs on a line and keeps apart ones apart', () => {
    // Discs of radius 5 at x = 0, 6 and 30 on y = 0; the line y = 3 cuts each in a chord of half-width 4.
    const grid: ScanGrid = { y0: 2.5, step: 1, count: 1 };
    const rows = discRows(list(6, 30, 0), list(0, 0, 0), 5, grid);
    expect(lineY(grid, 0)).toBe(3);
    expect(plain(rows)).toEqual([[-4, 10, 26, 34]]);
  });

  it('agrees with a naive union of sorted chords', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }));
    fc.assert(fc.property(fc.array(point, { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (points, radius) => {
      const grid: ScanGrid = { y0: -100, step: 7, count: 90 };
      const rows = discRows(Float64Array.from(points, (p) => p[0] / 2), Float64Array.from(points, (p) => p[1]), radius, grid);
      rows.forEach((row, j) => {
        const y = lineY(grid, j);
        const chords = points.filter((p) => Math.abs(p[1] - y) < radius).map((p) => {
          const w = Math.sqrt(radius ** 2 - (p[1] - y) ** 2);
          return [p[0] / 2 - w, p[0] / 2 + w] as const;
        }).sort((a, b) => a[0] - b[0]);
        const naive: number[] = [];
        for (const [s, e] of chords) {
          if (naive.length && naive.at(-1)! >= s) naive[naive.length - 1] = Math.max(naive.at(-1)!, e);
          else naive.push(s, e);
        }
        expect([...row]).toEqual(naive);
      });
    }), { numRuns: 60 });
  });
});

describe('scanShapes', () => {
  const identity = (x: number, y: number) => [x, y];
  const ringArea = (ring: number[][]) => ring.slice(1).reduce((s, p, i) => s + (ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!), 0) / 2;

  it('draws a rectangle as one counter-clockwise strip with its four sides as outline', () => {
    const grid: ScanGrid = { y0: 0, step: 2, count: 3 };
    const { polygons, outline } = scanShapes([list(1, 5), list(1, 5), list(1, 5)], grid, identity);

    expect(polygons).toHaveLength(1);
    expect(ringArea(polygons[0]![0] as number[][])).toBe(4 * 6);
    const length = outline.reduce((s, line) => s + line.slice(1).reduce((t, p, i) => t + Math.hypot(p[0]! - line[i]![0]!, p[1]! - line[i]![1]!), 0), 0);
    expect(length).toBe(2 * (4 + 6));
  });

  it('tiles a region that splits without overlaps: the pieces add up to its measured area', () => {
    // A "Y": one interval, then two.
    const grid: ScanGrid = { y0: 0, step: 1, count: 4 };
    const rows = [list(0, 10), list(0, 10), list(0, 3, 7, 10), list(0, 3, 7, 10)];
    const { polygons, outline } = scanShapes(rows, grid, identity);

    expect(polygons).toHaveLength(3);
    expect(polygons.reduce((s, p) => s + ringArea(p[0] as number[][]), 0)).toBeCloseTo(areaOfRows(rows, grid), 9);
    // The seam at y = 2 is boundary only over the gap between the two branches (3..7).
    expect(outline.filter((l) => l.every((p) => p[1] === 2))).toEqual([[[3, 2], [7, 2]]]);
  });
});
