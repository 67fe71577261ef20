import * as turf from '@turf/turf';
import type { Geometry } from 'geojson';
import type { Db } from '../../db/database';
import {
  OPEN_INTERVAL, TEMPORAL_RELATIONS, type FeatureFilter, type Operand, type PropertyRef, type SortKey, type SqlFragment, type TemporalOp, type TemporalOperand,
} from './feature-filter';

export type { SqlFragment } from './feature-filter';

/** The SQL function that tests a stored GeoJSON geometry against a query geometry (GeoJSON text) exactly. */
export const INTERSECTS_FUNCTION = 'qb_s_intersects';

const ISO = "'%Y-%m-%dT%H:%M:%fZ'";
const EARLIEST = OPEN_INTERVAL.start;
const LATEST = OPEN_INTERVAL.end;

const frag = (sql: string, ...params: unknown[]): SqlFragment => ({ sql, params });

function join(parts: SqlFragment[], glue: string): SqlFragment {
  return { sql: `(${parts.map((p) => p.sql).join(glue)})`, params: parts.flatMap((p) => p.params) };
}

function propertyValue(p: PropertyRef): SqlFragment {
  if (/["\\]/.test(p.name)) throw new Error(`property name ${JSON.stringify(p.name)} cannot be a JSON path label`);
  return frag('json_extract(f.properties, ?)', `$."${p.name}"`);
}

const bindable = (v: string | number | boolean) => (typeof v === 'boolean' ? Number(v) : v);

/** A comparison operand: time literals compare as the property's own text (a date) or as UTC instants. */
function operandValue(o: Operand, other: Operand): SqlFragment {
  if (o.kind === 'literal') return frag('?', bindable(o.value));
  if (o.kind === 'time') {
    const asDate = other.kind === 'property' && other.format === 'date' && o.date !== undefined;
    return frag('?', asDate ? o.date : o.start);
  }
  const value = propertyValue(o);
  const timed = other.kind === 'time' && o.format === 'date-time';
  return timed ? { sql: `strftime(${ISO}, ${value.sql})`, params: value.params } : value;
}

/** CQL2 LIKE (`%`, `_`, `\` escapes; case-sensitive) as a SQLite GLOB pattern, which is case-sensitive too. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += globLiteral(pattern[++i]!);
    } else if (c === '%') out += '*';
    else if (c === '_') out += '?';
    else out += globLiteral(c);
  }
  return out;
}

const globLiteral = (c: string) => (c === '*' || c === '?' || c === '[' ? `[${c}]` : c);

function dayStart(p: PropertyRef): SqlFragment {
  const v = propertyValue(p);
  return { sql: `strftime(${ISO}, ${v.sql})`, params: v.params };
}

function dayEnd(p: PropertyRef): SqlFragment {
  if (p.format !== 'date') return dayStart(p);
  const v = propertyValue(p);
  return { sql: `strftime(${ISO}, ${v.sql}, '+1 day', '-0.001 seconds')`, params: v.params };
}

function spanEnd(end: PropertyRef | string | null, read: (p: PropertyRef) => SqlFragment, open: string): SqlFragment {
  if (end === null || typeof end === 'string') return frag('?', end ?? open);
  const v = read(end);
  return { sql: `coalesce(${v.sql}, ?)`, params: [...v.params, open] };
}

/** Start and end instants of a temporal operand: a date property spans its day, a date-time is one instant. */
function timeBounds(o: TemporalOperand): [SqlFragment, SqlFragment] {
  if (o.kind === 'time') return [frag('?', o.start ?? EARLIEST), frag('?', o.end ?? LATEST)];
  if (o.kind === 'span') return [spanEnd(o.start, dayStart, EARLIEST), spanEnd(o.end, dayEnd, LATEST)];
  return [dayStart(o), dayEnd(o)];
}

function temporal(op: TemporalOp, left: TemporalOperand, right: TemporalOperand): SqlFragment {
  const ends = [...timeBounds(left), ...timeBounds(right)];
  const terms = (rel: TemporalOp) => TEMPORAL_RELATIONS[rel].map(([a, cmp, b]) => join([ends[a]!, ends[b]!], ` ${cmp} `));
  if (op === 't_disjoint') {
    const i = join(terms('t_intersects'), ' AND ');
    return { sql: `(NOT ${i.sql})`, params: i.params };
  }
  return join(terms(op), ' AND ');
}

/** Prepared query geometries by token: SQLite hands a function its arguments as new strings on every call, so the
 * geometry stays here and the SQL passes a small integer (hashing 8 KB of GeoJSON per row cost more than the test). */
const testers = new Map<number, (stored: Geometry) => boolean>();
let lastToken = 0;
/** More than any one filter holds (CQL2 filters have at most 200 nodes); the oldest are forgotten first. */
const MAX_TESTERS = 1024;

/**
 * The exact spatial test runs in JavaScript, but only on the rows the R*Tree prefilter kept: the
 * `CASE` makes SQLite evaluate the bbox test first, and the function parses just those candidates.
 */
function intersects(bbox: [number, number, number, number], geometry: Geometry): SqlFragment {
  const token = ++lastToken;
  testers.set(token, intersectsTester(geometry));
  if (testers.size > MAX_TESTERS) testers.delete(testers.keys().next().value!);
  return frag(
    `(CASE WHEN f.id IN (SELECT id FROM features_rtree WHERE max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ?) THEN ${INTERSECTS_FUNCTION}(f.geometry, ?) ELSE 0 END)`,
    bbox[0], bbox[2], bbox[1], bbox[3], token,
  );
}

/** Translates a validated filter into a parameterised SQLite condition over `features f`. */
export function filterToSqlite(filter: FeatureFilter): SqlFragment {
  switch (filter.op) {
    case 'and':
    case 'or':
      return join(filter.args.map(filterToSqlite), ` ${filter.op.toUpperCase()} `);
    case 'not': {
      const inner = filterToSqlite(filter.arg);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'bool':
      return frag(filter.value ? '1' : '0');
    case 'like': {
      const v = propertyValue(filter.left);
      const glob = likeToGlob(filter.pattern);
      return filter.caseInsensitive
        ? { sql: `(lower(${v.sql}) GLOB lower(?))`, params: [...v.params, glob] }
        : { sql: `(${v.sql} GLOB ?)`, params: [...v.params, glob] };
    }
    case 'in': {
      const v = propertyValue(filter.left);
      return { sql: `(${v.sql} IN (${filter.list.map(() => '?').join(', ')}))`, params: [...v.params, ...filter.list.map((l) => bindable(l.value))] };
    }
    case 'between': {
      const v = propertyValue(filter.left);
      return { sql: `(${v.sql} BETWEEN ? AND ?)`, params: [...v.params, bindable(filter.low.value), bindable(filter.high.value)] };
    }
    case 'isNull': {
      const v = propertyValue(filter.arg);
      return { sql: `(${v.sql} IS NULL)`, params: v.params };
    }
    case 's_intersects':
      return intersects(filter.bbox, filter.geometry);
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return join([operandValue(filter.left, filter.right), operandValue(filter.right, filter.left)], ` ${filter.op} `);
    default:
      return temporal(filter.op, filter.left, filter.right);
  }
}

/** ORDER BY terms for sort keys; the feature id always ends the ordering so pages are stable. */
export function sortToSqlite(keys: SortKey[] = []): SqlFragment {
  const parts = keys.map((k) => {
    const dir = k.descending ? 'DESC' : 'ASC';
    if (k.property === null) return frag(`f.id ${dir}`);
    const v = propertyValue(k.property);
    return { sql: `${v.sql} ${dir}`, params: v.params };
  });
  if (!keys.some((k) => k.property === null)) parts.push(frag('f.id'));
  return { sql: parts.map((p) => p.sql).join(', '), params: parts.flatMap((p) => p.params) };
}

/** An exact intersects test against one query geometry, prepared once: points (most stored features) take a fast path. */
function intersectsTester(query: Geometry): (stored: Geometry) => boolean {
  const [w, s, e, n] = turf.bbox(query);
  const areal = query.type === 'Polygon' || query.type === 'MultiPolygon';
  return (stored) => {
    if (stored.type !== 'Point') return turf.booleanIntersects(stored, query);
    const [x, y] = stored.coordinates as [number, number];
    if (x < w || x > e || y < s || y > n) return false;
    return areal ? turf.booleanPointInPolygon(stored.coordinates, query as Parameters<typeof turf.booleanPointInPolygon>[1]) : turf.booleanIntersects(stored, query);
  };
}

/** Connections that already have the function: registering again while a statement runs is an SQLite error. */
const registered = new WeakSet<Db>();

/** Registers the exact intersects test on a connection, once (every repository built over the connection calls this). */
export function registerSpatialFunctions(db: Db): void {
  if (registered.has(db)) return;
  registered.add(db);
  db.function(INTERSECTS_FUNCTION, { deterministic: true }, (stored: unknown, token: unknown) => {
    const test = testers.get(Number(token));
    if (typeof stored !== 'string' || !test) throw new Error(`${INTERSECTS_FUNCTION}: no query geometry ${String(token)}`);
    return test(JSON.parse(stored) as Geometry) ? 1 : 0;
  });
}
