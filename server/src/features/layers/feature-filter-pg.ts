import type { Geometry } from 'geojson';
import {
  OPEN_INTERVAL, TEMPORAL_RELATIONS, type FeatureFilter, type Operand, type PropertyRef, type ScalarLiteral, type SortKey,
  type SqlFragment, type TemporalOp, type TemporalOperand,
} from './feature-filter';

// The PostgreSQL twin of feature-filter-sqlite.ts: the same filters select the same features. Conditions are over
// `features f` with `f.properties jsonb` and `f.geom geometry(Geometry, 4326)`; values are always bound, property
// names are written as quoted string literals (so that expression indexes on `properties->>'name'` can match).

export type { SqlFragment } from './feature-filter';

const frag = (sql: string, ...params: unknown[]): SqlFragment => ({ sql, params });

function join(parts: SqlFragment[], glue: string): SqlFragment {
  return { sql: `(${parts.map((p) => p.sql).join(glue)})`, params: parts.flatMap((p) => p.params) };
}

/** A property name as a PostgreSQL string literal (standard_conforming_strings: only `'` needs doubling). */
export function quoteKey(name: string): string {
  if (name.includes('\u0000')) throw new Error('a property name cannot hold a NUL character');
  return `'${name.replace(/'/g, "''")}'`;
}

/** The property's text (`->>`): a JSON string as it is, SQL NULL for a missing key or JSON null, as SQLite's json_extract. */
const textOf = (p: PropertyRef) => `(f.properties->>${quoteKey(p.name)})`;

/**
 * The property as the SQL type of its schema type, NULL when the stored JSON value is of another type (never a
 * cast error): numbers as float8 (SQLite compares doubles), booleans as boolean (false < true, as SQLite's 0 < 1).
 */
function typedValue(p: PropertyRef): string {
  if (p.type === 'string') return textOf(p);
  const key = quoteKey(p.name);
  const [json, sqlType] = p.type === 'boolean' ? ['boolean', 'boolean'] : ['number', 'float8'];
  return `(CASE WHEN jsonb_typeof(f.properties->${key}) = '${json}' THEN (f.properties->>${key})::${sqlType} END)`;
}

/** SQL type a literal of the property's type is bound as. */
const castOf = (p: PropertyRef) => (p.type === 'string' ? 'text' : p.type === 'boolean' ? 'boolean' : 'float8');

/** Text compares byte by byte (SQLite's BINARY) whatever the database's collation. */
const C = 'COLLATE "C"';

/** A date-time property's value as a UTC instant `YYYY-MM-DDTHH:MM:SS.sssZ` (SQLite's strftime); NULL unless it reads as one. */
function instantOf(p: PropertyRef): string {
  const v = textOf(p);
  return `(CASE WHEN ${v} ~ '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?([Zz]|[+-]\\d{2}:?\\d{2})?$' THEN `
    + `to_char(CASE WHEN ${v} ~ '([Zz]|[+-]\\d{2}:?\\d{2})$' THEN ${v}::timestamptz AT TIME ZONE 'UTC' ELSE ${v}::timestamp END, `
    + `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END)`;
}

/** A date property's first and last instant (`YYYY-MM-DD` + the time); NULL unless it is a date. */
function dayBound(p: PropertyRef, end: boolean): string {
  const v = textOf(p);
  return `(CASE WHEN ${v} ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ${v} || '${end ? 'T23:59:59.999Z' : 'T00:00:00.000Z'}' END)`;
}

/** A comparison operand: time literals compare as the property's own text (a date) or as UTC instants. */
function operandValue(o: Operand, other: Operand): SqlFragment {
  // a comparison always has a property on one side (validateFilter), whose type the literal is bound as
  if (o.kind === 'literal') return frag(`?::${other.kind === 'property' ? castOf(other) : 'text'}`, o.value);
  if (o.kind === 'time') {
    const asDate = other.kind === 'property' && other.format === 'date' && o.date !== undefined;
    return frag('?::text', asDate ? o.date : o.start);
  }
  if (other.kind === 'time' && o.format === 'date-time') return frag(`${instantOf(o)} ${C}`);
  return frag(o.type === 'string' ? `${typedValue(o)} ${C}` : typedValue(o));
}

/**
 * A property's jsonb value (`->`): the expression of the layers' property indexes (property-index-repository), so
 * equalities and IN lists on a property can use them. jsonb equality is SQLite's: strings byte for byte, numbers by
 * value (1 = 1.0), never a string with a number. (A JSON null would differ under NOT, but typed schemas refuse nulls.)
 */
const jsonbOf = (p: PropertyRef) => `(f.properties->${quoteKey(p.name)})`;

/** Equality of a property with a literal, as jsonb. */
function equalsLiteral(p: PropertyRef, value: ScalarLiteral['value']): SqlFragment {
  return frag(`(${jsonbOf(p)} = ?::jsonb)`, JSON.stringify(value));
}

/**
 * CQL2 LIKE (`%`, `_`, `\` escapes; case-sensitive) as a PostgreSQL LIKE pattern, whose escape is `\` too: the same
 * text, except that a lone `\` at the end (a literal backslash in CQL2, an error in PostgreSQL) is escaped.
 */
export function likeToPg(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') out += i + 1 < pattern.length ? c + pattern[++i]! : '\\\\';
    else out += c;
  }
  return out;
}

/** Start and end instants of a temporal operand: a date property spans its day, a date-time is one instant. */
function timeBounds(o: TemporalOperand): [SqlFragment, SqlFragment] {
  if (o.kind === 'time') return [frag('?::text', o.start ?? OPEN_INTERVAL.start), frag('?::text', o.end ?? OPEN_INTERVAL.end)];
  const start = (p: PropertyRef) => (p.format === 'date' ? dayBound(p, false) : instantOf(p));
  const end = (p: PropertyRef) => (p.format === 'date' ? dayBound(p, true) : instantOf(p));
  if (o.kind === 'span') {
    const bound = (b: PropertyRef | string | null, read: (p: PropertyRef) => string, open: string): SqlFragment =>
      b === null || typeof b === 'string' ? frag('?::text', b ?? open) : frag(`coalesce(${read(b)}, ?::text)`, open);
    return [bound(o.start, start, OPEN_INTERVAL.start), bound(o.end, end, OPEN_INTERVAL.end)];
  }
  return [frag(start(o)), frag(end(o))];
}

function temporal(op: TemporalOp, left: TemporalOperand, right: TemporalOperand): SqlFragment {
  const ends = [...timeBounds(left), ...timeBounds(right)];
  const terms = (rel: TemporalOp) => TEMPORAL_RELATIONS[rel].map(([a, cmp, b]) => {
    const l = ends[a]!;
    return join([{ sql: `${l.sql} ${C}`, params: l.params }, ends[b]!], ` ${cmp} `);
  });
  if (op === 't_disjoint') {
    const i = join(terms('t_intersects'), ' AND ');
    return { sql: `(NOT ${i.sql})`, params: i.params };
  }
  return join(terms(op), ' AND ');
}

/**
 * The exact spatial test on PostGIS (`&&` on the GiST index, then GEOS). The query geometry is built once per query (a
 * scalar subquery) in 2D and made valid: a self-crossing query polygon would otherwise stop GEOS with a topology error.
 */
function intersects(geometry: Geometry): SqlFragment {
  return frag('ST_Intersects(f.geom, (SELECT ST_MakeValid(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)))))', JSON.stringify(geometry));
}

/** Translates a validated filter into a parameterised PostgreSQL condition over `features f` (the twin of `filterToSqlite`). */
export function filterToPg(filter: FeatureFilter): SqlFragment {
  switch (filter.op) {
    case 'and':
    case 'or':
      return join(filter.args.map(filterToPg), ` ${filter.op.toUpperCase()} `);
    case 'not': {
      const inner = filterToPg(filter.arg);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'bool':
      return frag(filter.value ? 'TRUE' : 'FALSE');
    case 'like': {
      const v = textOf(filter.left);
      const pattern = likeToPg(filter.pattern);
      return filter.caseInsensitive
        ? frag(`(lower(${v} ${C}) LIKE lower(?::text ${C}))`, pattern)
        : frag(`(${v} ${C} LIKE ?::text)`, pattern);
    }
    case 'in':
      return frag(`(${jsonbOf(filter.left)} IN (${filter.list.map(() => '?::jsonb').join(', ')}))`, ...filter.list.map((l) => JSON.stringify(l.value)));
    case 'between':
      return frag(`(${typedValue(filter.left)} BETWEEN ?::float8 AND ?::float8)`, filter.low.value, filter.high.value);
    case 'isNull':
      return frag(`(${textOf(filter.arg)} IS NULL)`);
    case 's_intersects':
      return intersects(filter.geometry);
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const { left, right } = filter;
      if (filter.op === '=' && left.kind === 'property' && right.kind === 'literal') return equalsLiteral(left, right.value);
      if (filter.op === '=' && right.kind === 'property' && left.kind === 'literal') return equalsLiteral(right, left.value);
      return join([operandValue(left, right), operandValue(right, left)], ` ${filter.op} `);
    }
    default:
      return temporal(filter.op, filter.left, filter.right);
  }
}

/**
 * ORDER BY terms for sort keys, ordered as on SQLite: NULL (a missing property) first ascending and last descending,
 * text byte by byte, and the feature id ends the ordering so pages are stable.
 */
export function sortToPg(keys: SortKey[] = []): SqlFragment {
  const parts = keys.map((k) => {
    const dir = k.descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
    if (k.property === null) return `f.id ${k.descending ? 'DESC' : 'ASC'}`;
    const v = typedValue(k.property);
    return `${k.property.type === 'string' ? `${v} ${C}` : v} ${dir}`;
  });
  if (!keys.some((k) => k.property === null)) parts.push('f.id');
  return { sql: parts.join(', '), params: [] };
}
