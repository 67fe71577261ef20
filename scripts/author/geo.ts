import { writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** A lon/lat pair as authored (WGS84). */
export type LonLat = [number, number];

/** Scalar feature properties, as the data contract requires. */
export type Props = Record<string, string | number | boolean>;

/** Rounds a coordinate value to 6 decimals (about 0.1 m). */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Element `i` of an array (negative counts from the end); throws when out of range. */
export function at<T>(items: readonly T[], i: number): T {
  const v = items.at(i);
  if (v === undefined) throw new RangeError(`index ${i} out of range (${items.length})`);
  return v;
}

/** A GeoJSON position as a lon/lat tuple. */
export function ll(p: Position): LonLat {
  const [x, y] = p;
  if (x === undefined || y === undefined) throw new TypeError('position needs two numbers');
  return [x, y];
}

/** Consecutive pairs of vertices: the segments of a line or ring. */
export function segments(points: readonly Position[]): Array<[LonLat, LonLat]> {
  return points.slice(1).map((p, i) => [ll(at(points, i)), ll(p)]);
}

/** Rounds both members of a position to 6 decimals. */
export function roundPos(p: Position): LonLat {
  const [x, y] = ll(p);
  return [round6(x), round6(y)];
}

/** True when two positions are the same point. */
export function samePos(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Drops consecutive duplicate positions. */
export function dedupe(points: Position[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of points) {
    const r = roundPos(p);
    const last = out.at(-1);
    if (!last || !samePos(last, r)) out.push(r);
  }
  return out;
}

/** Signed planar area of a ring in degree units (positive = counter-clockwise). */
export function signedArea(ring: Position[]): number {
  return segments(ring).reduce((sum, [a, b]) => sum + a[0] * b[1] - b[0] * a[1], 0) / 2;
}

/**
 * Closes an open list of vertices into a GeoJSON linear ring, counter-clockwise as
 * RFC 7946 asks for exterior rings.
 */
export function closeRing(points: Position[]): LonLat[] {
  const ring = dedupe(points);
  const first = at(ring, 0);
  if (samePos(first, at(ring, -1))) ring.pop();
  ring.push([first[0], first[1]]);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

/** Metres per degree of longitude and latitude near the district (lat ≈ 30.24°). */
export const M_PER_DEG = {
  lon: 111_320 * Math.cos((30.242 * Math.PI) / 180),
  lat: 110_860,
};

/**
 * Moves a point by metres east and north (small offsets only).
 */
export function offset(p: Position, east: number, north: number): LonLat {
  const [x, y] = ll(p);
  return [round6(x + east / M_PER_DEG.lon), round6(y + north / M_PER_DEG.lat)];
}

/**
 * A rectangle of `length` × `width` metres centred on `centre`, its long side turned
 * `bearingDeg` degrees anticlockwise from east.
 */
export function rectangle(centre: LonLat, length: number, width: number, bearingDeg = 0): LonLat[] {
  const a = (bearingDeg * Math.PI) / 180;
  const ux = Math.cos(a);
  const uy = Math.sin(a);
  const corners: Array<[number, number]> = [
    [-length / 2, -width / 2],
    [length / 2, -width / 2],
    [length / 2, width / 2],
    [-length / 2, width / 2],
  ];
  return closeRing(corners.map(([l, w]) => offset(centre, l * ux - w * uy, l * uy + w * ux)));
}

/**
 * The point at fraction `t` (0–1) along the straight segment a→b, rounded.
 */
export function lerp(a: Position, b: Position, t: number): LonLat {
  const [[ax, ay], [bx, by]] = [ll(a), ll(b)];
  return [round6(ax + (bx - ax) * t), round6(ay + (by - ay) * t)];
}

/** Builds a GeoJSON feature. */
export function feature<G extends Geometry>(geometry: G, properties: Props): Feature<G, Props> {
  return { type: 'Feature', geometry, properties };
}

/**
 * Writes a FeatureCollection with one feature per line, so that diffs stay readable and
 * output is byte-identical between runs.
 */
export function writeCollection(path: string, features: Feature[]): void {
  const lines = features.map((f) => JSON.stringify(f));
  writeFileSync(path, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
}

/** Writes pretty-printed JSON with a trailing newline. */
export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a FeatureCollection's features back as typed objects. */
export function featuresOf(fc: FeatureCollection): Feature<Geometry, Props>[] {
  return fc.features as Feature<Geometry, Props>[];
}
