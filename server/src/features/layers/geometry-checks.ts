import type { Geometry, Position } from 'geojson';
import type { GeometryType } from '@shared/layers';
import type { FeatureProblem } from './feature-validation';
import { firstRingContact } from './ring-sweep';

/**
 * Most positions one geometry may have (all its rings and parts together). The largest demo
 * geometry has 103; checking 10,000 takes about 15-30 ms.
 */
export const MAX_GEOMETRY_POSITIONS = 10_000;

/** Keys that could reach an object's prototype: refused in every object a write sends. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const GEOMETRY_FAMILIES: Record<GeometryType, string[]> = {
  Point: ['Point', 'MultiPoint'],
  LineString: ['LineString', 'MultiLineString'],
  Polygon: ['Polygon', 'MultiPolygon'],
};

/** Array levels above the positions in each geometry type's coordinates. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Most problems reported for one geometry (the walk stops there). */
const MAX_PROBLEMS = 20;

class TooManyPositions extends Error {}
class EnoughProblems extends Error {}

/** Walks coordinates to a fixed depth (never deeper than the type says), counting positions. */
class Walker {
  readonly out: FeatureProblem[] = [];
  private count = 0;

  private problem(path: string, message: string, code: FeatureProblem['code'], params?: FeatureProblem['params']): void {
    this.out.push({ path, message, code, field: 'geometry', ...(params ? { params } : {}) });
    if (this.out.length >= MAX_PROBLEMS) throw new EnoughProblems();
  }

  position(p: unknown, path: string): void {
    this.count += 1;
    if (this.count > MAX_GEOMETRY_POSITIONS) throw new TooManyPositions();
    const bad = positionProblem(p);
    if (bad) this.problem(path, bad, 'badPosition');
  }

  positions(list: unknown, path: string, min: number): boolean {
    if (!Array.isArray(list) || list.length < min) {
      this.problem(path, `needs at least ${min} positions`, 'tooFewPositions', { limit: min });
      return false;
    }
    this.count += list.length;
    if (this.count > MAX_GEOMETRY_POSITIONS) throw new TooManyPositions();
    const before = this.out.length;
    for (let i = 0; i < list.length; i += 1) {
      const bad = positionProblem(list[i]);
      if (bad) this.problem(`${path}[${i}]`, bad, 'badPosition');
    }
    return this.out.length === before;
  }

  line(list: unknown, path: string): void {
    if (!this.positions(list, path, 2)) return;
    const [first, ...rest] = list as Position[];
    if (!rest.some((p) => !samePoint(p, first!))) this.problem(path, 'a line needs at least 2 distinct positions (it has zero length)', 'zeroLength');
  }

  ring(list: unknown, path: string): void {
    if (!this.positions(list, path, 4)) return;
    const r = list as Position[];
    if (!samePoint(r[0]!, r[r.length - 1]!)) {
      this.problem(path, 'ring is not closed (first and last positions differ)', 'ringNotClosed');
      return;
    }
    const open = openRing(r);
    if (open.length < 3) this.problem(path, 'a ring needs at least 3 distinct positions', 'ringTooFewPositions');
    else if (collinear(open)) this.problem(path, 'ring has zero area (its positions are collinear)', 'ringZeroArea');
  }

  polygon(rings: unknown, path: string): void {
    if (!Array.isArray(rings) || rings.length === 0) {
      this.problem(path, 'a polygon needs at least one ring', 'noRing');
      return;
    }
    rings.forEach((ring, i) => this.ring(ring, `${path}[${i}]`));
  }

  list(items: unknown, path: string, what: string, each: (item: unknown, path: string) => void): void {
    if (!Array.isArray(items) || items.length === 0) {
      this.problem(path, `needs at least one ${what}`, 'noParts');
      return;
    }
    items.forEach((item, i) => each(item, `${path}[${i}]`));
  }
}

/** What is wrong with a position, or undefined. */
function positionProblem(p: unknown): string | undefined {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    return 'a position must be [lon, lat] of finite numbers';
  }
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) return `position [${lon}, ${lat}] is out of range (lon ±180, lat ±90)`;
  return undefined;
}

function samePoint(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

/** A closed ring's positions without the closing one and without consecutive repeats. */
function openRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring.slice(0, -1)) {
    if (out.length === 0 || !samePoint(out[out.length - 1]!, p)) out.push(p);
  }
  while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}

/**
 * True when all of a ring's positions lie on one line (up to rounding, relative to its extent):
 * its area is zero. A self-crossing ring may have zero signed area, so this is not the shoelace.
 */
function collinear(ring: Position[]): boolean {
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  let fx = 0;
  let fy = 0;
  let far = 0;
  for (const p of ring) {
    const dx = p[0]! - x0;
    const dy = p[1]! - y0;
    if (dx * dx + dy * dy > far) [fx, fy, far] = [dx, dy, dx * dx + dy * dy];
  }
  return ring.every((p) => Math.abs(fx * (p[1]! - y0) - fy * (p[0]! - x0)) <= 1e-9 * far);
}

const near = (p: Position) => `near [${p[0]!.toFixed(6)}, ${p[1]!.toFixed(6)}]`;

/** The first vertex where a ring doubles back on itself (a spike of zero width), or undefined. */
function spike(ring: Position[]): Position | undefined {
  const n = ring.length;
  for (let i = 0; i < n; i += 1) {
    const p = ring[i]!;
    const prev = ring[(i + n - 1) % n]!;
    const next = ring[(i + 1) % n]!;
    const ux = prev[0]! - p[0]!;
    const uy = prev[1]! - p[1]!;
    const vx = next[0]! - p[0]!;
    const vy = next[1]! - p[1]!;
    if (ux * vy - uy * vx === 0 && ux * vx + uy * vy > 0) return p;
  }
  return undefined;
}

/**
 * Where a polygon's rings are not simple, or undefined: a boundary that doubles back (a spike),
 * a vertex met twice, or segments that cross or touch (rings may not touch each other either).
 */
function polygonContact(rings: Position[][]): string | undefined {
  const open = rings.map(openRing);
  for (const ring of open) {
    const at = spike(ring);
    if (at) return `${near(at)} (the boundary doubles back on itself)`;
  }
  const found = firstRingContact(open);
  return found ? near(found.at) : undefined;
}

function typeProblem(g: unknown, family: GeometryType): FeatureProblem[] {
  if (!g || typeof g !== 'object' || Array.isArray(g) || !('type' in g)) return [{ path: 'geometry', message: 'geometry is missing', code: 'geometryMissing', field: 'geometry' }];
  const reserved = Object.keys(g).find((k) => RESERVED_KEYS.includes(k));
  if (reserved) return [{ path: `geometry.${reserved}`, message: `"${reserved}" is not allowed as a member name`, code: 'reservedName', field: reserved }];
  const type = (g as { type: unknown }).type;
  if (typeof type === 'string' && GEOMETRY_FAMILIES[family].includes(type)) return [];
  const got = typeof type === 'string' && type.length <= 40 ? type : `a ${Array.isArray(type) ? 'list' : typeof type}`;
  const expected = GEOMETRY_FAMILIES[family].join(' or ');
  return [{ path: 'geometry.type', message: `expected ${expected}, got ${got}`, code: 'geometryType', field: 'geometry', params: { expected: GEOMETRY_FAMILIES[family].join(' / '), got } }];
}

/** Every ring of a Polygon or MultiPolygon (structurally valid). */
function ringsOf(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  return [];
}

/**
 * Structural checks of a GeoJSON geometry: type, positions (at most MAX_GEOMETRY_POSITIONS),
 * ranges, closed rings, no degenerate lines or rings, no self-intersection. Works in time
 * O(n log n) in the number of positions and never descends deeper than the type allows.
 */
export function checkGeometry(geometry: unknown, family: GeometryType): FeatureProblem[] {
  const typeProblems = typeProblem(geometry, family);
  if (typeProblems.length) return typeProblems;
  const g = geometry as Geometry;
  const coords = (g as { coordinates?: unknown }).coordinates;
  const path = 'geometry.coordinates';
  const w = new Walker();
  try {
    if (DEPTH[g.type] === 0) w.position(coords, path);
    else if (g.type === 'MultiPoint') w.positions(coords, path, 1);
    else if (g.type === 'LineString') w.line(coords, path);
    else if (g.type === 'MultiLineString') w.list(coords, path, 'line', (l, p) => w.line(l, p));
    else if (g.type === 'Polygon') w.polygon(coords, path);
    else w.list(coords, path, 'polygon', (rings, p) => w.polygon(rings, p));
  } catch (err) {
    if (err instanceof EnoughProblems) return w.out;
    if (!(err instanceof TooManyPositions)) throw err;
    return [{ path, message: `a geometry may have at most ${MAX_GEOMETRY_POSITIONS} positions`, code: 'tooManyPositions', field: 'geometry', params: { limit: MAX_GEOMETRY_POSITIONS } }];
  }
  if (w.out.length) return w.out;
  const contact = polygonContact(ringsOf(g));
  if (!contact) return [];
  const [lon, lat] = (/\[(-?[\d.]+), (-?[\d.]+)\]/.exec(contact) ?? []).slice(1).map(Number);
  return [{ path, message: `polygon intersects itself ${contact}`, code: 'selfIntersection', field: 'geometry', params: { lon: lon ?? NaN, lat: lat ?? NaN } }];
}

/** The geometry to store: its type and coordinates only (other members are dropped). */
export function cleanGeometry<G extends Geometry>(g: G): G {
  return { type: g.type, coordinates: (g as { coordinates: unknown }).coordinates } as G;
}
