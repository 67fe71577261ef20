import * as turf from '@turf/turf';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { at, ll, samePos, segments, type LonLat } from './geo.js';
import type { LayerSchema } from './schema.js';

/** Collects failures instead of stopping at the first one. */
export class Report {
  readonly failures: string[] = [];
  private passes = 0;

  /** Records one check. */
  ok(condition: boolean, message: string): void {
    if (condition) this.passes++;
    else this.failures.push(message);
  }

  /** Prints the summary and returns the process exit code. */
  finish(): number {
    for (const f of this.failures) console.log(`FAIL ${f}`);
    console.log(`\n${this.passes} checks passed, ${this.failures.length} failed`);
    return this.failures.length === 0 ? 0 : 1;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks feature properties against a layer schema (the subset the contract uses). */
export function validateProps(props: Record<string, unknown>, schema: LayerSchema): string[] {
  const errors: string[] = [];
  for (const key of schema.required) if (!(key in props)) errors.push(`missing ${key}`);
  for (const [key, value] of Object.entries(props)) {
    const s = schema.properties[key];
    if (!s) {
      errors.push(`unexpected property ${key}`);
      continue;
    }
    const typeOk =
      s.type === 'string' ? typeof value === 'string'
      : s.type === 'boolean' ? typeof value === 'boolean'
      : s.type === 'integer' ? Number.isInteger(value)
      : typeof value === 'number' && Number.isFinite(value);
    if (!typeOk) errors.push(`${key} is not ${s.type}`);
    if (s.enum && !s.enum.includes(value as string)) errors.push(`${key}=${String(value)} not in enum`);
    if (s.enum && s['x-enum-labels'] && s.enum.some((v) => !s['x-enum-labels']?.[v])) errors.push(`${key} lacks enum labels`);
    if (s.format === 'date' && (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))) errors.push(`${key} is not a date`);
    if (s.pattern && !new RegExp(s.pattern).test(String(value))) errors.push(`${key} does not match ${s.pattern}`);
    if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) errors.push(`${key} below ${s.minimum}`);
    if (s.maximum !== undefined && typeof value === 'number' && value > s.maximum) errors.push(`${key} above ${s.maximum}`);
  }
  return errors;
}

/** Every position of a geometry. */
export function positions(g: Geometry): Position[] {
  return turf.coordAll(g as Parameters<typeof turf.coordAll>[0]);
}

/** Rings of a (Multi)Polygon. */
export function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/** Geometry problems: ring closure and length, 6-decimal coordinates, validity, self-intersections. */
export function geometryErrors(g: Geometry): string[] {
  const errors: string[] = [];
  for (const p of positions(g)) {
    if (p.length !== 2 || !p.every(Number.isFinite)) errors.push('bad position');
    else if (p.some((v) => Math.abs(v * 1e6 - Math.round(v * 1e6)) > 1e-6)) errors.push(`more than 6 decimals at ${p.join(',')}`);
  }
  for (const r of rings(g)) {
    if (r.length < 4) errors.push('ring with fewer than 4 positions');
    if (r.length > 0 && !samePos(at(r, 0), at(r, -1))) errors.push('ring not closed');
    if (segments(r).some(([a, b]) => samePos(a, b))) errors.push('repeated vertex');
  }
  if (!turf.booleanValid(g)) errors.push('not valid (turf.booleanValid)');
  if (g.type !== 'Point' && g.type !== 'MultiPoint') {
    const k = turf.kinks(turf.feature(g) as Parameters<typeof turf.kinks>[0]);
    if (k.features.length > 0) errors.push(`${k.features.length} self-intersections`);
  }
  return errors;
}

function segmentDistance(p: LonLat, a: LonLat, b: LonLat): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance in degrees from a point to a polygon's rings. */
export function distanceToRings(p: LonLat, poly: Polygon): number {
  let best = Infinity;
  for (const r of poly.coordinates) for (const [a, b] of segments(r)) best = Math.min(best, segmentDistance(p, a, b));
  return best;
}

/** Inside the polygon or on its edge (within `tol` degrees). */
export function insideOrOn(p: Position, poly: Polygon, tol = 1e-9): boolean {
  return turf.booleanPointInPolygon(p, poly) || distanceToRings(ll(p), poly) <= tol;
}

/** Area (m²) of the part of polygon `a` outside polygon `b`. */
export function areaOutside(a: Geometry, b: Polygon): number {
  const d = turf.difference(turf.featureCollection([turf.feature(a) as Feature<Polygon>, turf.feature(b)]));
  return d ? turf.area(d) : 0;
}

/** Area (m²) shared by two polygons. */
export function overlapArea(a: Geometry, b: Geometry): number {
  const i = turf.intersect(turf.featureCollection([turf.feature(a) as Feature<Polygon>, turf.feature(b) as Feature<Polygon>]));
  return i ? turf.area(i) : 0;
}

/** True when the two bounding boxes overlap. */
export function bboxesMeet(a: Geometry, b: Geometry): boolean {
  const [a0, a1, a2, a3] = turf.bbox(a);
  const [b0, b1, b2, b3] = turf.bbox(b);
  return a0 <= b2 && b0 <= a2 && a1 <= b3 && b1 <= a3;
}

/**
 * Whether a feature lies inside a polygon: every vertex inside or on the edge, turf's
 * booleanWithin, and for areas no part outside (beyond 0.01 m²).
 */
export function liesWithin(g: Geometry, poly: Polygon): boolean {
  if (g.type === 'Point') return turf.booleanPointInPolygon(g.coordinates, poly, { ignoreBoundary: true });
  if (!positions(g).every((p) => insideOrOn(p, poly))) return false;
  if (!turf.booleanWithin(turf.feature(g), turf.feature(poly))) return false;
  if (g.type === 'LineString') {
    return segments(g.coordinates).every(([a, b]) => insideOrOn([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], poly));
  }
  return areaOutside(g, poly) < 0.01;
}
