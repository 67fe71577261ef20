import type { Position } from 'geojson';

/** The earth radius turf measures distances with (its `earthRadius`), in metres. */
export const EARTH_RADIUS_M = 6371008.8;

/** A local metric plane (equirectangular about an origin): x east, y north, in metres. */
export interface LocalPlane {
  /** Plane coordinates of a lon/lat position. */
  toPlane(position: Position): [number, number];
  /** The lon/lat position of plane coordinates. */
  toLonLat(x: number, y: number): Position;
}

/**
 * A plane about `origin` where one unit is one metre on turf's sphere: over the few kilometres of a
 * district its scale differs from the sphere's by less than 0.1 % (cos of the latitude changes by
 * tan φ · Δφ across it).
 */
export function localPlane(origin: Position): LocalPlane {
  const [lon0, lat0] = origin as [number, number];
  const ky = (EARTH_RADIUS_M * Math.PI) / 180;
  const kx = ky * Math.cos((lat0 * Math.PI) / 180);
  return {
    toPlane: (p) => [(p[0]! - lon0) * kx, (p[1]! - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}

/** The [minX, minY, maxX, maxY] of plane points; null for none. */
export function planeBounds(points: readonly (readonly [number, number])[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}
