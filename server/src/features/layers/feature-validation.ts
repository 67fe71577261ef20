import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import * as turf from '@turf/turf';
import type { Feature, Geometry, Position, Polygon, MultiPolygon } from 'geojson';
import type { GeometryType, LayerSchema } from '../../contracts/layers';

/** One problem found in a feature, with the JSON path it concerns. */
export interface FeatureProblem {
  path: string;
  message: string;
}

const GEOMETRY_FAMILIES: Record<GeometryType, string[]> = {
  Point: ['Point', 'MultiPoint'],
  LineString: ['LineString', 'MultiLineString'],
  Polygon: ['Polygon', 'MultiPolygon'],
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
ajv.addVocabulary(['x-title-en', 'x-unit', 'x-enum-labels', 'x-long-text']);
const compiled = new WeakMap<LayerSchema, ValidateFunction>();

function validatorFor(schema: LayerSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks a property schema itself; returns problems (empty when it compiles). */
export function checkLayerSchema(schema: LayerSchema): FeatureProblem[] {
  try {
    validatorFor(schema);
    return [];
  } catch (err) {
    return [{ path: 'schema', message: (err as Error).message }];
  }
}

/** Validates feature properties against a layer's schema. */
export function checkProperties(schema: LayerSchema, properties: unknown): FeatureProblem[] {
  const validate = validatorFor(schema);
  if (validate(properties)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: `properties${e.instancePath.replace(/\//g, '.')}`,
    message: e.keyword === 'additionalProperties'
      ? `unknown property "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
      : `${e.message ?? 'invalid'}${e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : ''}`,
  }));
}

function checkPosition(p: unknown, path: string, out: FeatureProblem[]): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    out.push({ path, message: 'a position must be [lon, lat] of finite numbers' });
    return;
  }
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) out.push({ path, message: `position [${lon}, ${lat}] is out of range (lon ±180, lat ±90)` });
}

function checkPositions(list: unknown, path: string, min: number, out: FeatureProblem[]): void {
  if (!Array.isArray(list) || list.length < min) {
    out.push({ path, message: `needs at least ${min} positions` });
    return;
  }
  list.forEach((p, i) => checkPosition(p, `${path}[${i}]`, out));
}

function checkRing(ring: unknown, path: string, out: FeatureProblem[]): void {
  const before = out.length;
  checkPositions(ring, path, 4, out);
  if (out.length > before) return;
  const r = ring as Position[];
  const [a, b] = [r[0]!, r[r.length - 1]!];
  if (a[0] !== b[0] || a[1] !== b[1]) out.push({ path, message: 'ring is not closed (first and last positions differ)' });
}

function checkPolygonRings(rings: unknown, path: string, out: FeatureProblem[]): void {
  if (!Array.isArray(rings) || rings.length === 0) {
    out.push({ path, message: 'a polygon needs at least one ring' });
    return;
  }
  rings.forEach((ring, i) => checkRing(ring, `${path}[${i}]`, out));
}

/** Structural checks of a GeoJSON geometry: type, positions, ranges, closed rings, no self-intersection. */
export function checkGeometry(geometry: unknown, family: GeometryType): FeatureProblem[] {
  const out: FeatureProblem[] = [];
  const g = geometry as Geometry | null;
  if (!g || typeof g !== 'object' || !('type' in g)) return [{ path: 'geometry', message: 'geometry is missing' }];
  if (!GEOMETRY_FAMILIES[family].includes(g.type)) {
    return [{ path: 'geometry.type', message: `expected ${GEOMETRY_FAMILIES[family].join(' or ')}, got ${String(g.type)}` }];
  }
  const coords = (g as { coordinates?: unknown }).coordinates;
  const path = 'geometry.coordinates';
  switch (g.type) {
    case 'Point': checkPosition(coords, path, out); break;
    case 'MultiPoint': checkPositions(coords, path, 1, out); break;
    case 'LineString': checkPositions(coords, path, 2, out); break;
    case 'MultiLineString':
      if (!Array.isArray(coords) || coords.length === 0) out.push({ path, message: 'needs at least one line' });
      else coords.forEach((l, i) => checkPositions(l, `${path}[${i}]`, 2, out));
      break;
    case 'Polygon': checkPolygonRings(coords, path, out); break;
    case 'MultiPolygon':
      if (!Array.isArray(coords) || coords.length === 0) out.push({ path, message: 'needs at least one polygon' });
      else coords.forEach((p, i) => checkPolygonRings(p, `${path}[${i}]`, out));
      break;
  }
  if (out.length === 0 && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    const kinks = turf.kinks(g as Polygon | MultiPolygon);
    if (kinks.features.length > 0) {
      const at = kinks.features[0]!.geometry.coordinates;
      out.push({ path, message: `polygon intersects itself near [${at.map((n) => n.toFixed(6)).join(', ')}]` });
    }
  }
  return out;
}

/** Every vertex of a geometry. */
function vertices(g: Geometry): Position[] {
  return turf.coordAll(g as never);
}

/**
 * Checks that a geometry lies inside an area: every vertex inside it or within
 * `toleranceM` metres of its edge (shared edges of tiled polygons).
 */
export function checkWithin(geometry: Geometry, area: Feature<Polygon | MultiPolygon>, toleranceM = 0.5): FeatureProblem[] {
  const edge = turf.polygonToLine(area);
  const lines = edge.type === 'FeatureCollection' ? edge.features : [edge];
  for (const v of vertices(geometry)) {
    if (turf.booleanPointInPolygon(v, area)) continue;
    const near = lines.some((l) => turf.pointToLineDistance(v, l as never, { units: 'meters' }) <= toleranceM);
    if (!near) return [{ path: 'geometry', message: `position [${v[0]}, ${v[1]}] lies outside the district boundary` }];
  }
  return [];
}

/** Validates a whole GeoJSON feature against a layer's geometry family and schema. */
export function checkFeature(feature: unknown, family: GeometryType, schema: LayerSchema): FeatureProblem[] {
  const f = feature as Feature | null;
  if (!f || typeof f !== 'object' || f.type !== 'Feature') return [{ path: 'type', message: 'not a GeoJSON Feature' }];
  return [...checkGeometry(f.geometry, family), ...checkProperties(schema, f.properties ?? {})];
}
