import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import * as turf from '@turf/turf';
import type { Feature, Geometry, Position, Polygon, MultiPolygon } from 'geojson';
import { boundedSchema, isBlank } from '@shared/feature-schema';
import type { FeatureProblem } from '@shared/errors';
import type { GeometryType, LayerSchema } from '@shared/layers';
import { checkGeometry, RESERVED_KEYS } from './geometry-checks';

export { checkGeometry };
export type { FeatureProblem };

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, ownProperties: true }));
ajv.addVocabulary(['x-title-en', 'x-unit', 'x-enum-labels', 'x-long-text']);
ajv.addKeyword({ keyword: 'x-non-blank', type: 'string', schemaType: 'boolean', errors: false, validate: (on: boolean, data: string) => !on || !isBlank(data) });

/** Most compiled schemas kept (one per layer schema version; a few dozen in practice). */
const MAX_COMPILED = 256;
const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of a schema, cached by its text (layers are read afresh for each request). */
function validatorFor(schema: LayerSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size >= MAX_COMPILED) {
      compiled.clear();
      ajv.removeSchema();
    }
    validate = ajv.compile(boundedSchema(schema));
    compiled.set(key, validate);
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

/** Most problems reported for a feature's properties. */
const MAX_PROPERTY_PROBLEMS = 20;

/** A client's name cut to a length fit for a message. */
const shortName = (name: string) => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

function problemMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${shortName(String((e.params as { additionalProperty: string }).additionalProperty))}"`;
  if (e.keyword === 'x-non-blank') return 'must not be blank';
  const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return `${e.message ?? 'invalid'}${allowed}`;
}

/** Ajv keywords whose problem keeps the keyword as its code, with the parameter named `limit`. */
const LIMIT_KEYWORDS = new Set(['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems']);

/** An Ajv error as a structured problem: code, the property it concerns and the figures a translated message needs. */
function problemOf(e: ErrorObject): FeatureProblem {
  const path = `properties${e.instancePath.replace(/\//g, '.')}`;
  const at = /^\/([^/]+)/.exec(e.instancePath)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  const p = e.params as Record<string, unknown>;
  const base = { path, message: problemMessage(e) };
  if (e.keyword === 'required') return { ...base, code: 'required', field: String(p.missingProperty) };
  if (e.keyword === 'additionalProperties') return { ...base, code: 'unknownProperty', field: shortName(String(p.additionalProperty)) };
  const field = at === undefined ? {} : { field: at };
  if (e.keyword === 'x-non-blank') return { ...base, ...field, code: 'blank' };
  if (e.keyword === 'type') return { ...base, ...field, code: 'type', params: { type: String(p.type) } };
  if (e.keyword === 'enum') return { ...base, ...field, code: 'enum', params: { allowed: (p.allowedValues as unknown[]).join(', ') } };
  if (e.keyword === 'const') return { ...base, ...field, code: 'const', params: { allowed: String(p.allowedValue) } };
  if (e.keyword === 'format') return { ...base, ...field, code: 'format', params: { format: String(p.format) } };
  if (e.keyword === 'pattern') return { ...base, ...field, code: 'pattern' };
  if (LIMIT_KEYWORDS.has(e.keyword)) return { ...base, ...field, code: e.keyword as FeatureProblem['code'], params: { limit: Number(p.limit ?? p.multipleOf) } };
  return { ...base, ...field, code: 'invalid' };
}

/** Validates feature properties against a layer's schema (with the PROPERTY_LIMITS of `@shared/feature-schema`). */
export function checkProperties(schema: LayerSchema, properties: unknown): FeatureProblem[] {
  if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
    const reserved = Object.keys(properties).find((k) => RESERVED_KEYS.includes(k));
    if (reserved) return [{ path: `properties.${reserved}`, message: `"${reserved}" is not allowed as a property name`, code: 'reservedName', field: reserved }];
  }
  const validate = validatorFor(schema);
  if (validate(properties)) return [];
  return (validate.errors ?? []).slice(0, MAX_PROPERTY_PROBLEMS).map(problemOf);
}

/** Metres per degree of latitude (turf's mean Earth radius). */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/**
 * A test of whether a position lies inside an area or within `toleranceM` metres of its edge:
 * even-odd over all rings, and planar distances on a local equirectangular projection
 * (exact to well under 0.1 % across a district). Costs one pass over the area's edges.
 */
function insideOrNear(area: Polygon | MultiPolygon, toleranceM: number): (v: Position) => boolean {
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  const lat0 = rings[0]?.[0]?.[1] ?? 0;
  const kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const edges: number[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 1) edges.push(ring[i - 1]![0]! * kx, ring[i - 1]![1]! * METRES_PER_DEGREE, ring[i]![0]! * kx, ring[i]![1]! * METRES_PER_DEGREE);
  }
  const limit = toleranceM * toleranceM;
  const inside = (x: number, y: number): boolean => {
    let odd = false;
    for (let i = 0; i < edges.length; i += 4) {
      const ay = edges[i + 1]! - y;
      const by = edges[i + 3]! - y;
      if (ay > 0 === by > 0) continue;
      const ax = edges[i]! - x;
      if (ax + ((edges[i + 2]! - x - ax) * -ay) / (by - ay) > 0) odd = !odd;
    }
    return odd;
  };
  const near = (x: number, y: number): boolean => {
    for (let i = 0; i < edges.length; i += 4) {
      const ax = edges[i]! - x;
      const ay = edges[i + 1]! - y;
      const dx = edges[i + 2]! - x - ax;
      const dy = edges[i + 3]! - y - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len));
      if ((ax + t * dx) ** 2 + (ay + t * dy) ** 2 <= limit) return true;
    }
    return false;
  };
  return (v) => inside(v[0]! * kx, v[1]! * METRES_PER_DEGREE) || near(v[0]! * kx, v[1]! * METRES_PER_DEGREE);
}

/**
 * Checks that a geometry lies inside an area: every vertex inside it or within
 * `toleranceM` metres of its edge (shared edges of tiled polygons).
 */
export function checkWithin(geometry: Geometry, area: Feature<Polygon | MultiPolygon>, toleranceM = 0.5): FeatureProblem[] {
  const accepts = insideOrNear(area.geometry, toleranceM);
  for (const v of turf.coordAll(geometry as never)) {
    if (!accepts(v)) return [{ path: 'geometry', message: `position [${v[0]}, ${v[1]}] lies outside the district boundary`, code: 'outsideDistrict', field: 'geometry', params: { lon: v[0]!, lat: v[1]! } }];
  }
  return [];
}

/** Validates a whole GeoJSON feature against a layer's geometry family and schema. */
export function checkFeature(feature: unknown, family: GeometryType, schema: LayerSchema): FeatureProblem[] {
  const f = feature as Feature | null;
  if (!f || typeof f !== 'object' || Array.isArray(f) || f.type !== 'Feature') return [{ path: 'type', message: 'not a GeoJSON Feature', code: 'notFeature' }];
  const reserved = Object.keys(f).find((k) => RESERVED_KEYS.includes(k));
  if (reserved) return [{ path: reserved, message: `"${reserved}" is not allowed as a member name`, code: 'reservedName', field: reserved }];
  return [...checkGeometry(f.geometry, family), ...checkProperties(schema, f.properties ?? {})];
}
