import type { Position } from 'geojson';

/**
 * Sorted, disjoint x-intervals along one horizontal scan line, flattened as
 * `[start0, end0, start1, end1, ...]` (start < end, end of one < start of the next).
 */
export type Intervals = Float64Array;

/**
 * Horizontal scan lines over a metric plane: line `j` lies at `y0 + (j + 0.5) * step` and stands for
 * the band of height `step` around it. Areas are measured with the midpoint rule (exact in x, the
 * band's length in y).
 */
export interface ScanGrid {
  y0: number;
  step: number;
  count: number;
}

/** The y of scan line `j`. */
export function lineY(grid: ScanGrid, j: number): number {
  return grid.y0 + (j + 0.5) * grid.step;
}

const EMPTY: Intervals = new Float64Array(0);

/** Total length of intervals. */
export function lengthOf(intervals: Intervals): number {
  let sum = 0;
  for (let i = 0; i < intervals.length; i += 2) sum += intervals[i + 1]! - intervals[i]!;
  return sum;
}

/** Area (plane units²) of a region given by its scan lines. */
export function areaOfRows(rows: readonly Intervals[], grid: ScanGrid): number {
  return rows.reduce((sum, r) => sum + lengthOf(r), 0) * grid.step;
}

/** Where `a` and `b` both are. */
export function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return EMPTY;
  const out: number[] = [];
  let i = 0;
  let k = 0;
  while (i < a.length && k < b.length) {
    const start = Math.max(a[i]!, b[k]!);
    const end = Math.min(a[i + 1]!, b[k + 1]!);
    if (start < end) out.push(start, end);
    if (a[i + 1]! < b[k + 1]!) i += 2;
    else k += 2;
  }
  return Float64Array.from(out);
}

/** Where `a` is and `b` is not. */
export function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return a;
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i]!;
    const end = a[i + 1]!;
    while (k < b.length && b[k + 1]! <= start) k += 2;
    let m = k;
    while (m < b.length && b[m]! < end) {
      if (b[m]! > start) out.push(start, b[m]!);
      start = Math.max(start, b[m + 1]!);
      m += 2;
    }
    if (start < end) out.push(start, end);
  }
  return Float64Array.from(out);
}

/** The scan lines of a polygon's rings (even-odd rule, so holes and multipolygons work) in plane coordinates. */
export function polygonRows(rings: readonly (readonly Position[])[], grid: ScanGrid): Intervals[] {
  const crossings: number[][] = Array.from({ length: grid.count }, () => []);
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [x1, y1] = ring[i - 1] as [number, number];
      const [x2, y2] = ring[i] as [number, number];
      if (y1 === y2) continue;
      const lo = Math.max(0, Math.ceil((Math.min(y1, y2) - grid.y0) / grid.step - 0.5));
      const hi = Math.min(grid.count - 1, Math.floor((Math.max(y1, y2) - grid.y0) / grid.step - 0.5));
      for (let j = lo; j <= hi; j++) {
        const y = lineY(grid, j);
        // Half-open in y, so a vertex on a scan line is crossed once.
        if ((y1 <= y) === (y2 <= y)) continue;
        crossings[j]!.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
  }
  return crossings.map((xs) => {
    if (xs.length < 2) return EMPTY;
    xs.sort((p, q) => p - q);
    const out: number[] = [];
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i]! >= xs[i + 1]!) continue;
      const last = out.length - 1;
      if (last > 0 && out[last]! >= xs[i]!) out[last] = xs[i + 1]!;
      else out.push(xs[i]!, xs[i + 1]!);
    }
    return Float64Array.from(out);
  });
}

/**
 * The scan lines of the union of discs of one radius around plane points. On each line, every
 * disc reaching it gives the chord [x − w, x + w] with w = √(r² − dy²); taken in order of x, a
 * chord can only overlap the last of the merged intervals so far (each of them starts at or left
 * of an earlier centre, so left of this chord's end), so a stack merges them without sorting.
 * Points are binned by y in bands 2r high, each kept in order of x: a line's discs lie in two
 * neighbouring bands. `onLine` is told each line's index as it is done (for progress).
 */
export function discRows(xs: Float64Array, ys: Float64Array, radius: number, grid: ScanGrid, onLine?: (j: number) => void): Intervals[] {
  const byX = Array.from(xs.keys()).sort((a, b) => xs[a]! - xs[b]!);
  const yMin = ys.reduce((m, y) => Math.min(m, y), Infinity);
  const band = 2 * radius;
  const bands = new Map<number, number[]>();
  for (const i of byX) {
    const b = Math.floor((ys[i]! - yMin) / band);
    const list = bands.get(b);
    if (list) list.push(i);
    else bands.set(b, [i]);
  }
  const starts = new Float64Array(xs.length);
  const ends = new Float64Array(xs.length);
  const r2 = radius * radius;
  const none: number[] = [];
  const rows: Intervals[] = [];
  for (let j = 0; j < grid.count; j++) {
    const y = lineY(grid, j);
    const first = Math.floor((y - radius - yMin) / band);
    const a = bands.get(first) ?? none;
    const b = bands.get(first + 1) ?? none;
    let top = 0;
    for (let p = 0, q = 0; p < a.length || q < b.length;) {
      const i = q >= b.length || (p < a.length && xs[a[p]!]! <= xs[b[q]!]!) ? a[p++]! : b[q++]!;
      const dy = ys[i]! - y;
      const w2 = r2 - dy * dy;
      if (!(w2 > 0)) continue;
      const w = Math.sqrt(w2);
      let start = xs[i]! - w;
      let end = xs[i]! + w;
      while (top > 0 && ends[top - 1]! >= start) {
        top--;
        start = Math.min(start, starts[top]!);
        end = Math.max(end, ends[top]!);
      }
      starts[top] = start;
      ends[top] = end;
      top++;
    }
    const row = new Float64Array(2 * top);
    for (let k = 0; k < top; k++) {
      row[2 * k] = starts[k]!;
      row[2 * k + 1] = ends[k]!;
    }
    rows.push(row);
    onLine?.(j);
  }
  return rows;
}

/** Every `k`-th scan line (the middle one of each run of `k`) as lines `k` times as far apart: a coarser view of the same region. */
export function coarsen(rows: readonly Intervals[], grid: ScanGrid, k: number): { rows: Intervals[]; grid: ScanGrid } {
  if (k <= 1) return { rows: [...rows], grid };
  const offset = Math.floor(k / 2);
  const picked = rows.filter((_, j) => j % k === offset);
  return { rows: picked, grid: { y0: grid.y0 + (offset + 0.5 - k / 2) * grid.step, step: k * grid.step, count: picked.length } };
}

/** How many intervals scan lines hold. */
export function intervalCount(rows: readonly Intervals[]): number {
  return rows.reduce((sum, r) => sum + r.length / 2, 0);
}
