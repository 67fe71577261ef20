import { area, booleanPointInPolygon, distance, featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** A polygon or multipolygon feature, as turf's overlay functions take and return them. */
export type AreaFeature = Feature<Polygon | MultiPolygon>;

/** Whether a geometry is a polygon or a multipolygon. */
export function isAreal(geometry: Geometry | null | undefined): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

/** The positions of a point or multipoint geometry; none for any other geometry. */
export function pointPositions(geometry: Geometry | null | undefined): Position[] {
  if (geometry?.type === 'Point') return [geometry.coordinates];
  if (geometry?.type === 'MultiPoint') return geometry.coordinates;
  return [];
}

/** The line strings of a line or multiline geometry; none for any other geometry. */
export function lineStrings(geometry: Geometry | null | undefined): Position[][] {
  if (geometry?.type === 'LineString') return [geometry.coordinates];
  if (geometry?.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

/** The polygon and multipolygon features of a collection, as area features. */
export function arealFeatures(collection: FeatureCollection): AreaFeature[] {
  return collection.features.filter((f): f is AreaFeature => isAreal(f.geometry));
}

function westEdge(feature: AreaFeature): number {
  const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : feature.geometry.coordinates[0]?.[0];
  return ring?.reduce((min, p) => Math.min(min, p[0]!), Infinity) ?? 0;
}

function unionTree(sorted: readonly AreaFeature[]): AreaFeature | null {
  if (sorted.length <= 2) return sorted.length === 1 ? sorted[0]! : union(featureCollection([...sorted]));
  const mid = sorted.length >> 1;
  const halves = [unionTree(sorted.slice(0, mid)), unionTree(sorted.slice(mid))].filter((f): f is AreaFeature => f !== null);
  return halves.length === 1 ? halves[0]! : union(featureCollection(halves));
}

/**
 * The union of polygons (null for none); one polygon comes back as it is. Neighbours (west to
 * east) are merged pairwise up a balanced tree: one many-polygon union in turf 7 costs several
 * times more as overlapping circles pile up (see scripts/bench/analysis.bench.ts).
 */
export function unionAll(polygons: readonly AreaFeature[]): AreaFeature | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return polygons[0]!;
  const sorted = polygons.map((p) => ({ p, x: westEdge(p) })).sort((a, b) => a.x - b.x).map(({ p }) => p);
  return unionTree(sorted);
}

/** Geodesic area in m² of a polygon feature, 0 for none. */
export function areaOf(feature: AreaFeature | null | undefined): number {
  return feature ? area(feature) : 0;
}

/** Where segment p→q crosses segment a→b, as the fraction along p→q (planar in lon/lat), if it does. */
function crossing(p: Position, q: Position, a: Position, b: Position): number | undefined {
  const [px, py] = [p[0]!, p[1]!];
  const [rx, ry] = [q[0]! - px, q[1]! - py];
  const [sx, sy] = [b[0]! - a[0]!, b[1]! - a[1]!];
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return undefined;
  const t = ((a[0]! - px) * sy - (a[1]! - py) * sx) / denominator;
  const u = ((a[0]! - px) * ry - (a[1]! - py) * rx) / denominator;
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : undefined;
}

function rings(polygon: Polygon | MultiPolygon): Position[][] {
  return polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
}

/**
 * Geodesic length in metres of the part of a line string inside a polygon: each segment is cut
 * where it crosses the polygon's rings, and the pieces whose midpoint lies inside (boundary
 * included) are measured.
 */
export function clippedLength(line: readonly Position[], polygon: Polygon | MultiPolygon): number {
  const edges = rings(polygon).flatMap((ring) => ring.slice(1).map((end, i) => [ring[i]!, end] as const));
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const [p, q] = [line[i - 1]!, line[i]!];
    const cuts = [0, ...edges.flatMap(([a, b]) => crossing(p, q, a, b) ?? []), 1].sort((x, y) => x - y);
    for (let k = 1; k < cuts.length; k++) {
      const [from, to] = [cuts[k - 1]!, cuts[k]!];
      if (to <= from) continue;
      const at = (t: number): Position => [p[0]! + (q[0]! - p[0]!) * t, p[1]! + (q[1]! - p[1]!) * t];
      if (booleanPointInPolygon(at((from + to) / 2), polygon)) total += distance(at(from), at(to), { units: 'meters' });
    }
  }
  return total;
}
