import type { Position } from 'geojson';
import { lineY, type Intervals, type ScanGrid } from './scanline';

/** A region drawn from its scan lines: polygons that tile it without overlapping, and its boundary as lines. */
export interface ScanShapes {
  /** Polygon coordinates (one outer ring each, counter-clockwise) for a MultiPolygon. */
  polygons: Position[][][];
  /** The region's boundary as line strings (for a MultiLineString): the polygons share edges, their outlines would show seams. */
  outline: Position[][];
}

/** For each interval of line `j`, the index of the one interval of line `j + 1` it alone overlaps (and that overlaps it alone), else -1. */
function matches(below: Intervals, above: Intervals): Int32Array {
  const upCount = new Int32Array(below.length / 2);
  const downCount = new Int32Array(above.length / 2);
  const upPartner = new Int32Array(below.length / 2).fill(-1);
  let k = 0;
  for (let i = 0; i < below.length; i += 2) {
    while (k < above.length && above[k + 1]! <= below[i]!) k += 2;
    for (let m = k; m < above.length && above[m]! < below[i + 1]!; m += 2) {
      upCount[i / 2]!++;
      downCount[m / 2]!++;
      upPartner[i / 2] = m / 2;
    }
  }
  return upPartner.map((p, i) => (p >= 0 && upCount[i] === 1 && downCount[p] === 1 ? p : -1));
}

/**
 * About how many positions `scanShapes` gives for these scan lines, without drawing: two per
 * interval for the polygons and two for the outline, and about ten more for each strip's ends.
 */
export function shapeCost(rows: readonly Intervals[]): number {
  let cost = 0;
  rows.forEach((row, j) => {
    cost += 2 * row.length;
    if (j === 0) cost += 5 * row.length;
    else cost += 10 * matches(rows[j - 1]!, row).reduce((unjoined, p) => unjoined + Number(p < 0), 0);
  });
  return cost;
}

/** Where exactly one of two interval sets is. */
function symmetricDifference(a: readonly number[], b: readonly number[]): number[] {
  const edges = [...a.map((x, i) => [x, i % 2 === 0 ? 1 : -1] as const), ...b.map((x, i) => [x, i % 2 === 0 ? 1 : -1] as const)].sort((p, q) => p[0] - q[0]);
  const out: number[] = [];
  let depth = 0;
  for (const [x, d] of edges) {
    const was = depth === 1;
    depth += d;
    if (was !== (depth === 1)) out.push(x);
  }
  return out;
}

/**
 * The polygons and outline of a region given by scan lines. An interval that overlaps exactly one
 * interval of the next line (and it only that one) is joined to it by a trapezoid, so runs of such
 * intervals become one strip with straight sides between the lines; a strip ends with a rectangle
 * half a band high where the region splits, merges, starts or stops. `toLonLat` maps plane
 * coordinates back to the map.
 */
export function scanShapes(rows: readonly Intervals[], grid: ScanGrid, toLonLat: (x: number, y: number) => Position): ScanShapes {
  const half = grid.step / 2;
  const links = rows.map((row, j) => (j + 1 < rows.length ? matches(row, rows[j + 1]!) : new Int32Array(row.length / 2).fill(-1)));
  const linked = rows.map((row) => new Uint8Array(row.length / 2));
  links.forEach((up, j) => up.forEach((p) => {
    if (p >= 0) linked[j + 1]![p] = 1;
  }));
  const polygons: Position[][][] = [];
  const outline: Position[][] = [];

  rows.forEach((row, j) => {
    for (let s = 0; s < row.length / 2; s++) {
      if (linked[j]![s]) continue;
      const left: Position[] = [];
      const right: Position[] = [];
      let line = j;
      let index = s;
      left.push(toLonLat(row[2 * s]!, lineY(grid, j) - half));
      right.push(toLonLat(row[2 * s + 1]!, lineY(grid, j) - half));
      for (;;) {
        const y = lineY(grid, line);
        const r = rows[line]!;
        left.push(toLonLat(r[2 * index]!, y));
        right.push(toLonLat(r[2 * index + 1]!, y));
        const next = links[line]![index]!;
        if (next < 0) {
          left.push(toLonLat(r[2 * index]!, y + half));
          right.push(toLonLat(r[2 * index + 1]!, y + half));
          break;
        }
        line += 1;
        index = next;
      }
      polygons.push([[...right, ...left.reverse(), right[0]!]]);
      outline.push(left, right);
    }
  });

  // The horizontal edges where strips start or stop: a strip's cap is boundary except where it meets another strip's cap.
  for (let j = 0; j <= rows.length; j++) {
    const tops = j > 0 ? capsOf(rows[j - 1]!, links[j - 1]!) : [];
    const bottoms = j < rows.length ? capsOf(rows[j]!, Array.from(linked[j]!, (l) => (l ? 0 : -1))) : [];
    const edge = symmetricDifference(tops, bottoms);
    const y = grid.y0 + j * grid.step;
    for (let i = 0; i + 1 < edge.length; i += 2) {
      if (edge[i]! < edge[i + 1]!) outline.push([toLonLat(edge[i]!, y), toLonLat(edge[i + 1]!, y)]);
    }
  }
  return { polygons, outline };
}

/** The intervals of a line whose link entry is -1 (not joined on that side). */
function capsOf(row: Intervals, link: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < row.length / 2; i++) if (link[i]! < 0) out.push(row[2 * i]!, row[2 * i + 1]!);
  return out;
}
