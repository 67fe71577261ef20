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

/** Rounds both members of a position to 6 decimals. */
export function roundPos(p: Position): LonLat {
  return [round6(p[0]), round6(p[1])];
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
    if (out.length === 0 || !samePos(out[out.length - 1], r)) out.push(r);
  }
  return out;
}

/** Signed planar area of a ring in degree units (positive = counter-clockwise). */
export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

/**
 * Closes an open list of vertices into a GeoJSON linear ring, counter-clockwise as
 * RFC 7946 asks for exterior rings.
 */
export function closeRing(points: Position[]): LonLat[] {
  const ring = dedupe(points);
  if (samePos(ring[0], ring[ring.length - 1])) ring.pop();
  ring.push([ring[0][0], ring[0][1]]);
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
  return [round6(p[0] + east / M_PER_DEG.lon), round6(p[1] + north / M_PER_DEG.lat)];
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
  return [round6(a[0] + (b[0] - a[0]) * t), round6(a[1] + (b[1] - a[1]) * t)];
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
