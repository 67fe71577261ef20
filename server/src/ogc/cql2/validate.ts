import * as turf from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import {
  TEMPORAL_OPS, toInstant, type ComparisonOp, type FeatureFilter, type Layer, type Operand, type PropertyRef, type ScalarLiteral,
  type TemporalOp, type TemporalOperand, type TimeLiteral,
} from '../../features/layers';
import { bboxToCrs84, geometryToCrs84, type Crs } from '../crs';
import { filterError, type RawNode } from './raw';

/** The name of the primary geometry in the queryables. */
export const GEOMETRY_QUERYABLE = 'geometry';

const COMPARISONS = new Set<string>(['=', '<>', '<', '<=', '>', '>=']);
const TEMPORAL = new Set<string>(TEMPORAL_OPS);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Checks a raw filter against a collection's queryables and types, and turns it into the repository's filter. */
export function validateFilter(raw: RawNode, layer: Layer, filterCrs: Crs): FeatureFilter {
  const v = new Validator(layer, filterCrs);
  return v.expression(raw);
}

class Validator {
  constructor(private readonly layer: Layer, private readonly crs: Crs) {}

  expression(n: RawNode): FeatureFilter {
    if (n.kind === 'literal' && typeof n.value === 'boolean') return { op: 'bool', value: n.value };
    if (n.kind !== 'op') throw filterError('expected a condition, found a value');
    const { op, args } = n;
    if (op === 'and' || op === 'or') {
      if (args.length < 2) throw filterError(`${op.toUpperCase()} needs at least two conditions`);
      return { op, args: args.map((a) => this.expression(a)) };
    }
    if (op === 'not') return { op, arg: this.expression(this.arity(op, args, 1)[0]!) };
    if (COMPARISONS.has(op)) return this.comparison(op as ComparisonOp, this.arity(op, args, 2));
    if (op === 'like' || op === 'ilike') {
      const [l, r] = this.arity(op, args, 2);
      const left = this.property(l!, 'LIKE');
      if (left.type !== 'string') throw filterError(`LIKE needs a string property; "${left.name}" is ${left.type}`);
      if (r!.kind !== 'literal' || typeof r!.value !== 'string') throw filterError('the LIKE pattern must be a string literal');
      return { op: 'like', left, pattern: r!.value, ...(op === 'ilike' ? { caseInsensitive: true } : {}) };
    }
    if (op === 'in') {
      const [l, r] = this.arity(op, args, 2);
      const left = this.property(l!, 'IN');
      if (r!.kind !== 'list' || r!.items.length === 0) throw filterError('IN needs a non-empty list of literals');
      return { op: 'in', left, list: r!.items.map((i) => this.scalarFor(left, i)) };
    }
    if (op === 'between') {
      const [l, lo, hi] = this.arity(op, args, 3);
      const left = this.property(l!, 'BETWEEN');
      if (left.type !== 'number' && left.type !== 'integer') throw filterError(`BETWEEN needs a numeric property; "${left.name}" is ${left.type}`);
      return { op: 'between', left, low: this.scalarFor(left, lo!), high: this.scalarFor(left, hi!) };
    }
    if (op === 'isNull' || op === 'isnull') return { op: 'isNull', arg: this.property(this.arity(op, args, 1)[0]!, 'IS NULL') };
    if (op === 's_intersects') return this.spatial(this.arity(op, args, 2));
    if (TEMPORAL.has(op)) {
      const [l, r] = this.arity(op, args, 2);
      return { op: op as TemporalOp, left: this.temporal(l!), right: this.temporal(r!) };
    }
    if (/^s_/.test(op)) throw filterError(`${op.toUpperCase()} is not supported; S_INTERSECTS is`);
    throw filterError(`operator "${op.slice(0, 40)}" is not supported`);
  }

  private arity(op: string, args: RawNode[], n: number): RawNode[] {
    if (args.length !== n) throw filterError(`${op.toUpperCase()} takes ${n} argument${n > 1 ? 's' : ''}`);
    return args;
  }

  private property(n: RawNode, context: string): PropertyRef {
    if (n.kind !== 'property') throw filterError(`${context} needs a property on its left`);
    const props = this.layer.schema.properties;
    const p = Object.hasOwn(props, n.name) ? props[n.name] : undefined;
    if (!p) {
      if (n.name === GEOMETRY_QUERYABLE) throw filterError(`"${GEOMETRY_QUERYABLE}" can only be used in S_INTERSECTS`);
      throw filterError(`unknown property "${n.name.slice(0, 80)}"; the queryables of "${this.layer.id}" are: ${Object.keys(props).join(', ')}, ${GEOMETRY_QUERYABLE}`);
    }
    return { kind: 'property', name: n.name, type: p.type, ...(p.format ? { format: p.format } : {}) };
  }

  private scalarFor(p: PropertyRef, n: RawNode): ScalarLiteral {
    if (n.kind !== 'literal') throw filterError(`compare "${p.name}" with a literal`);
    const want = p.type === 'integer' ? 'number' : p.type;
    if (typeof n.value !== want) throw filterError(`"${p.name}" is ${p.type}; ${JSON.stringify(n.value).slice(0, 40)} is not`);
    return n;
  }

  private operand(n: RawNode, other: RawNode): Operand {
    if (n.kind === 'property') return this.property(n, 'a comparison');
    if (n.kind === 'literal') {
      if (other.kind === 'property') this.scalarFor(this.property(other, 'a comparison'), n);
      return n;
    }
    if (n.kind === 'date' || n.kind === 'timestamp') {
      const time = this.time(n);
      const p = other.kind === 'property' ? this.property(other, 'a comparison') : null;
      const want = n.kind === 'date' ? 'date' : 'date-time';
      if (p && p.format !== want) throw filterError(`"${p.name}" is not a ${want} property; compare it with ${p.format === 'date' ? 'DATE' : p.format === 'date-time' ? 'TIMESTAMP' : 'a literal'}`);
      return time;
    }
    throw filterError('comparisons take properties and literals');
  }

  private comparison(op: ComparisonOp, [l, r]: RawNode[]): FeatureFilter {
    if (l!.kind !== 'property' && r!.kind !== 'property') throw filterError('a comparison needs a property');
    const left = this.operand(l!, r!);
    const right = this.operand(r!, l!);
    if (left.kind === 'property' && right.kind === 'property' && (left.type === 'integer' ? 'number' : left.type) !== (right.type === 'integer' ? 'number' : right.type)) {
      throw filterError(`"${left.name}" (${left.type}) and "${right.name}" (${right.type}) cannot be compared`);
    }
    return { op, left, right };
  }

  private time(n: RawNode): TimeLiteral {
    if (n.kind === 'date') {
      if (!DATE.test(n.value) || toInstant(n.value) === null) throw filterError(`DATE("${n.value.slice(0, 40)}") is not a date YYYY-MM-DD`);
      return { kind: 'time', start: toInstant(n.value), end: toInstant(n.value, true), date: n.value };
    }
    if (n.kind === 'timestamp') {
      const t = RFC3339.test(n.value) ? toInstant(n.value) : null;
      if (t === null) throw filterError(`TIMESTAMP("${n.value.slice(0, 40)}") is not an RFC 3339 date-time`);
      return { kind: 'time', start: t, end: t };
    }
    throw filterError('temporal functions take a date property, DATE, TIMESTAMP or INTERVAL');
  }

  /** An INTERVAL end: "..", a date or timestamp (quoted or as DATE()/TIMESTAMP()), or a date property. */
  private bound(b: RawNode, end: boolean): PropertyRef | string | null {
    if (b.kind === 'literal' && b.value === '..') return null;
    if (b.kind === 'property') return this.temporal(b) as PropertyRef;
    const text = b.kind === 'literal' && typeof b.value === 'string' ? b.value : null;
    const t = b.kind === 'date' || b.kind === 'timestamp' ? this.time(b)
      : text !== null && (DATE.test(text) || RFC3339.test(text)) ? this.time({ kind: DATE.test(text) ? 'date' : 'timestamp', value: text }) : null;
    if (!t) throw filterError('INTERVAL bounds are dates, timestamps, date properties or ".."');
    return end ? t.end : t.start;
  }

  private temporal(n: RawNode): TemporalOperand {
    if (n.kind === 'interval') {
      const start = this.bound(n.start, false);
      const end = this.bound(n.end, true);
      if (typeof start !== 'string' || typeof end !== 'string') return { kind: 'span', start, end };
      if (start > end) throw filterError('INTERVAL starts after it ends');
      return { kind: 'time', start, end };
    }
    if (n.kind !== 'property') return this.time(n);
    const p = this.property(n, 'a temporal function');
    if (p.format !== 'date' && p.format !== 'date-time') throw filterError(`"${p.name}" is not a date or date-time property`);
    return p;
  }

  private spatial([a, b]: RawNode[]): FeatureFilter {
    const [prop, lit] = a!.kind === 'property' ? [a!, b!] : [b!, a!];
    if (prop.kind !== 'property' || prop.name !== GEOMETRY_QUERYABLE) throw filterError(`S_INTERSECTS needs the property "${GEOMETRY_QUERYABLE}" and a geometry`);
    if (lit.kind === 'bbox') return this.envelope(lit.bbox);
    if (lit.kind !== 'geometry') throw filterError('S_INTERSECTS needs a geometry literal (WKT, GeoJSON or BBOX)');
    checkShape(lit.geometry);
    const geometry = geometryToCrs84(this.crs, lit.geometry, 'filter');
    const bbox = turf.bbox(geometry) as [number, number, number, number];
    return { op: 's_intersects', geometry, bbox: [bbox[0], bbox[1], bbox[2], bbox[3]] };
  }

  private envelope(axes: number[]): FeatureFilter {
    if (axes.length !== 4 && axes.length !== 6) throw filterError('BBOX takes 4 or 6 numbers');
    const flat = (axes.length === 4 ? axes : [axes[0], axes[1], axes[3], axes[4]]) as [number, number, number, number];
    const [w, s, e, n] = bboxToCrs84(this.crs, flat);
    if (!(w <= e && s <= n && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90)) {
      throw filterError('BBOX is out of range or its minimum exceeds its maximum');
    }
    const ring: Position[] = [[w, s], [e, s], [e, n], [w, n], [w, s]];
    return { op: 's_intersects', geometry: { type: 'Polygon', coordinates: [ring] }, bbox: [w, s, e, n] };
  }
}

function checkShape(g: Geometry): void {
  const line = (ps: Position[]) => {
    if (ps.length < 2) throw filterError('a line has at least 2 positions');
  };
  const ring = (ps: Position[]) => {
    if (ps.length < 4 || ps[0]![0] !== ps[ps.length - 1]![0] || ps[0]![1] !== ps[ps.length - 1]![1]) {
      throw filterError('a polygon ring is closed and has at least 4 positions');
    }
  };
  switch (g.type) {
    case 'LineString': return line(g.coordinates);
    case 'MultiLineString': return g.coordinates.forEach(line);
    case 'Polygon': return g.coordinates.forEach(ring);
    case 'MultiPolygon': return g.coordinates.forEach((p) => p.forEach(ring));
    case 'GeometryCollection': return g.geometries.forEach(checkShape);
    default:
  }
}
