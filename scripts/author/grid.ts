import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { at, closeRing, dedupe, ll, round6, segments, type LonLat } from './geo.js';

/**
 * The unit-grid lattice: about 100 m × 100 m. Line values end in an odd sixth decimal
 * while every authored vertex has at most four, so no drawn edge ever runs along a
 * grid line.
 */
export const GRID = {
  lon0: 120.148273,
  lat0: 30.234615,
  dLon: 0.00104,
  dLat: 0.000902,
  cols: 22,
  rows: 16,
};

/** Longitude of vertical grid line `i`. */
export function gridLon(i: number): number {
  return round6(GRID.lon0 + i * GRID.dLon);
}

/** Latitude of horizontal grid line `j` (counted northwards). */
export function gridLat(j: number): number {
  return round6(GRID.lat0 + j * GRID.dLat);
}

/** Smallest piece kept as a cell of its own; smaller slivers join a neighbour. */
export const MIN_CELL_M2 = 3000;

/**
 * Inserts, into a polyline, the (rounded) points where it crosses grid lines. Every
 * polygon built from the densified lines then meets the grid only at its own vertices,
 * so clipped cells share exact coordinates with the community and district rings.
 */
export function densify(line: LonLat[]): LonLat[] {
  const out: LonLat[] = [at(line, 0)];
  for (const [a, b] of segments(line)) {
    const hits: Array<{ t: number; p: LonLat }> = [];
    for (let i = 0; i <= GRID.cols; i++) {
      const x = gridLon(i);
      if ((a[0] - x) * (b[0] - x) < 0) {
        const t = (x - a[0]) / (b[0] - a[0]);
        hits.push({ t, p: [x, round6(a[1] + t * (b[1] - a[1]))] });
      }
    }
    for (let j = 0; j <= GRID.rows; j++) {
      const y = gridLat(j);
      if ((a[1] - y) * (b[1] - y) < 0) {
        const t = (y - a[1]) / (b[1] - a[1]);
        hits.push({ t, p: [round6(a[0] + t * (b[0] - a[0])), y] });
      }
    }
    hits.sort((h1, h2) => h1.t - h2.t);
    for (const h of hits) out.push(h.p);
    out.push(b);
  }
  return dedupe(out);
}

interface Piece {
  ring: LonLat[];
  area: number;
  row: number;
  col: number;
}

/** Length of the overlap of two segments lying on the same grid line, else 0. */
function sharedOnGridLine([a1, a2]: [LonLat, LonLat], [b1, b2]: [LonLat, LonLat]): number {
  if (a1[0] === a2[0] && b1[0] === b2[0] && a1[0] === b1[0]) {
    const lo = Math.max(Math.min(a1[1], a2[1]), Math.min(b1[1], b2[1]));
    const hi = Math.min(Math.max(a1[1], a2[1]), Math.max(b1[1], b2[1]));
    return hi > lo ? hi - lo : 0;
  }
  if (a1[1] === a2[1] && b1[1] === b2[1] && a1[1] === b1[1]) {
    const lo = Math.max(Math.min(a1[0], a2[0]), Math.min(b1[0], b2[0]));
    const hi = Math.min(Math.max(a1[0], a2[0]), Math.max(b1[0], b2[0]));
    return hi > lo ? hi - lo : 0;
  }
  return 0;
}

function sharedLength(p: LonLat[], q: LonLat[]): number {
  const qs = segments(q);
  return segments(p).reduce((sum, s) => sum + qs.reduce((t, u) => t + sharedOnGridLine(s, u), 0), 0);
}

function ringArea(ring: LonLat[]): number {
  return turf.area(turf.polygon([ring]));
}

function clipCell(col: number, row: number, community: Polygon): LonLat[][] {
  const cell = turf.polygon([
    closeRing([
      [gridLon(col), gridLat(row)],
      [gridLon(col + 1), gridLat(row)],
      [gridLon(col + 1), gridLat(row + 1)],
      [gridLon(col), gridLat(row + 1)],
    ]),
  ]);
  const clipped = turf.intersect(turf.featureCollection([cell, turf.feature(community)]));
  if (!clipped) return [];
  const parts = clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates] : clipped.geometry.coordinates;
  return parts.map((rings) => {
    if (rings.length > 1) throw new Error(`cell ${col}/${row} clipped with a hole`);
    return closeRing(at(rings, 0));
  });
}

function merge(p: LonLat[], q: LonLat[]): LonLat[] | null {
  const u = turf.union(turf.featureCollection([turf.polygon([p]), turf.polygon([q])]));
  if (!u || u.geometry.type !== 'Polygon' || u.geometry.coordinates.length !== 1) return null;
  return closeRing(at(u.geometry.coordinates, 0));
}

/**
 * Clips the lattice to one community and folds slivers under {@link MIN_CELL_M2} into
 * the neighbour they share the longest grid edge with. Returns single-ring polygons in
 * code order: north→south by row, then west→east.
 */
export function gridCells(community: Polygon): LonLat[][] {
  const [minX, minY, maxX, maxY] = turf.bbox(community);
  const pieces: Piece[] = [];
  for (let row = 0; row < GRID.rows; row++) {
    if (gridLat(row + 1) <= minY || gridLat(row) >= maxY) continue;
    for (let col = 0; col < GRID.cols; col++) {
      if (gridLon(col + 1) <= minX || gridLon(col) >= maxX) continue;
      for (const ring of clipCell(col, row, community)) pieces.push({ ring, area: ringArea(ring), row, col });
    }
  }
  for (;;) {
    const small = pieces.filter((p) => p.area < MIN_CELL_M2).sort((a, b) => a.area - b.area || a.row - b.row || a.col - b.col);
    const sliver = small.find((s) => pieces.some((p) => p !== s && sharedLength(s.ring, p.ring) > 0));
    if (!sliver) break;
    const neighbours = pieces
      .filter((p) => p !== sliver)
      .map((p) => ({ p, shared: sharedLength(sliver.ring, p.ring) }))
      .filter((n) => n.shared > 0)
      .sort((a, b) => b.shared - a.shared || a.p.area - b.p.area);
    const target = neighbours.find((n) => merge(sliver.ring, n.p.ring) !== null);
    if (!target) throw new Error(`sliver at ${sliver.col}/${sliver.row} has no mergeable neighbour`);
    const host = target.p.area >= sliver.area ? target.p : sliver;
    const merged = merge(sliver.ring, target.p.ring) as LonLat[];
    host.ring = merged;
    host.area = ringArea(merged);
    pieces.splice(pieces.indexOf(host === sliver ? target.p : sliver), 1);
  }
  const leftovers = pieces.filter((p) => p.area < MIN_CELL_M2);
  if (leftovers.length > 0) throw new Error(`${leftovers.length} isolated slivers left`);
  pieces.sort((a, b) => b.row - a.row || a.col - b.col || centroidLon(a.ring) - centroidLon(b.ring));
  return pieces.map((p) => p.ring);
}

function centroidLon(ring: LonLat[]): number {
  return ll(turf.centroid(turf.polygon([ring])).geometry.coordinates)[0];
}
