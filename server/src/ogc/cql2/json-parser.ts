import type { Geometry } from 'geojson';
import { Budget, filterError, type RawNode } from './raw';

const GEOMETRY_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: { [key: string]: Json }, key: string): Json | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Reads CQL2 JSON into the same raw tree as CQL2 text, counting nodes, depth and positions as it goes. */
export function parseCql2Json(text: string, budget: Budget = new Budget()): RawNode {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    throw filterError('is not valid JSON (filter-lang=cql2-json)');
  }
  return expression(doc, 1, budget);
}

function expression(v: Json, depth: number, budget: Budget): RawNode {
  budget.depth(depth);
  budget.node();
  if (typeof v === 'boolean') return { kind: 'literal', value: v };
  if (!isObject(v) || typeof own(v, 'op') !== 'string' || !Array.isArray(own(v, 'args'))) {
    throw filterError('a CQL2 JSON expression is an object with "op" (a string) and "args" (an array)');
  }
  const op = own(v, 'op') as string;
  const args = own(v, 'args') as Json[];
  const lower = op.toLowerCase();
  if (lower === 'and' || lower === 'or' || lower === 'not') {
    return { kind: 'op', op: lower, args: args.map((a) => expression(a, depth + 1, budget)) };
  }
  return { kind: 'op', op: op === 'isNull' ? op : lower, args: args.map((a) => operand(a, depth + 1, budget)) };
}

function operand(v: Json, depth: number, budget: Budget): RawNode {
  budget.depth(depth);
  budget.node();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: v };
  if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => operand(x, depth + 1, budget)) };
  if (!isObject(v)) throw filterError('null is not an operand');
  const property = own(v, 'property');
  if (typeof property === 'string') return { kind: 'property', name: property };
  for (const key of ['date', 'timestamp'] as const) {
    const value = own(v, key);
    if (typeof value === 'string') return { kind: key, value };
  }
  const interval = own(v, 'interval');
  if (Array.isArray(interval) && interval.length === 2) {
    return { kind: 'interval', start: operand(interval[0]!, depth + 1, budget), end: operand(interval[1]!, depth + 1, budget) };
  }
  const bbox = own(v, 'bbox');
  if (Array.isArray(bbox)) {
    if (!bbox.every((n) => typeof n === 'number')) throw filterError('a bbox is an array of numbers');
    return { kind: 'bbox', bbox: bbox as number[] };
  }
  if (typeof own(v, 'type') === 'string') return { kind: 'geometry', geometry: geometry(v, depth, budget) };
  if (typeof own(v, 'op') === 'string') throw filterError(`functions as operands are not supported ("${String(own(v, 'op')).slice(0, 40)}")`);
  throw filterError('an operand is a literal, {"property"}, {"date"}, {"timestamp"}, {"interval"}, {"bbox"} or a GeoJSON geometry');
}

function positions(v: Json, levels: number, depth: number, budget: Budget): Json {
  budget.depth(depth);
  if (!Array.isArray(v)) throw filterError('GeoJSON coordinates are nested arrays');
  if (levels === 0) {
    budget.position();
    if (v.length < 2 || v.length > 3 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw filterError('a GeoJSON position is 2 or 3 numbers');
    }
    return v;
  }
  return v.map((x) => positions(x, levels - 1, depth + 1, budget));
}

const LEVELS: Record<string, number> = { Point: 0, LineString: 1, MultiPoint: 1, Polygon: 2, MultiLineString: 2, MultiPolygon: 3 };

function geometry(v: { [key: string]: Json }, depth: number, budget: Budget): Geometry {
  const type = own(v, 'type') as string;
  if (!GEOMETRY_TYPES.has(type)) throw filterError(`unknown GeoJSON geometry type ${JSON.stringify(type.slice(0, 40))}`);
  if (type === 'GeometryCollection') {
    const parts = own(v, 'geometries');
    if (!Array.isArray(parts)) throw filterError('a GeometryCollection has a "geometries" array');
    budget.depth(depth + 1);
    return { type, geometries: parts.map((g) => (isObject(g) ? geometry(g, depth + 1, budget) : (() => { throw filterError('a geometry is an object'); })())) };
  }
  return { type, coordinates: positions(own(v, 'coordinates') ?? null, LEVELS[type]!, depth + 1, budget) } as Geometry;
}
