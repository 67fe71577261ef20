import type { Geometry } from 'geojson';

/** A property reference, typed from the layer's schema. */
export interface PropertyRef {
  kind: 'property';
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  /** `date` or `date-time` for temporal string properties. */
  format?: string;
}

/** A scalar literal: JSON strings, numbers and booleans. */
export interface ScalarLiteral {
  kind: 'literal';
  value: string | number | boolean;
}

/**
 * A time literal as an inclusive span of ISO instants in UTC (`YYYY-MM-DDTHH:MM:SS.sssZ`): a
 * TIMESTAMP is one instant, a DATE the whole day, an INTERVAL its ends (null: open).
 */
export interface TimeLiteral {
  kind: 'time';
  start: string | null;
  end: string | null;
  /** What the filter wrote, kept for comparisons with a `date` property (`YYYY-MM-DD`). */
  date?: string;
}

/**
 * An interval whose ends may be date properties of the feature (CQL2's `INTERVAL(start_date, end_date)`); an end
 * given by a property the feature lacks is open, as a layer's running features have no end date.
 */
export interface TimeSpan {
  kind: 'span';
  start: PropertyRef | string | null;
  end: PropertyRef | string | null;
}

/** An operand of a temporal function. */
export type TemporalOperand = PropertyRef | TimeLiteral | TimeSpan;

/** An operand of a comparison. */
export type Operand = PropertyRef | ScalarLiteral | TimeLiteral;

/** Comparison operators of basic CQL2. */
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** Temporal relations of CQL2 (Allen's interval algebra). */
export const TEMPORAL_OPS = [
  't_after', 't_before', 't_contains', 't_disjoint', 't_during', 't_equals', 't_finishedby', 't_finishes',
  't_intersects', 't_meets', 't_metby', 't_overlappedby', 't_overlaps', 't_startedby', 't_starts',
] as const;

/** One temporal relation. */
export type TemporalOp = (typeof TEMPORAL_OPS)[number];

/**
 * A filter over a layer's features in a storage-neutral form: what an OGC CQL2 filter (text or
 * JSON) is parsed and validated into, and what each storage's SQL generator translates (SQLite
 * today, PostGIS beside it later). Property references are already checked against the schema.
 */
export type FeatureFilter =
  | { op: 'and' | 'or'; args: FeatureFilter[] }
  | { op: 'not'; arg: FeatureFilter }
  | { op: 'bool'; value: boolean }
  | { op: ComparisonOp; left: Operand; right: Operand }
  /** `pattern` uses CQL2's wildcards: `%` any run, `_` one character, `\` escapes. */
  | { op: 'like'; left: PropertyRef; pattern: string; caseInsensitive?: boolean }
  | { op: 'in'; left: PropertyRef; list: ScalarLiteral[] }
  | { op: 'between'; left: PropertyRef; low: ScalarLiteral; high: ScalarLiteral }
  | { op: 'isNull'; arg: PropertyRef }
  /** The feature's geometry intersects `geometry` (CRS84); `bbox` is its envelope, for index prefilters. */
  | { op: 's_intersects'; geometry: Geometry; bbox: [number, number, number, number] }
  | { op: TemporalOp; left: TemporalOperand; right: TemporalOperand };

/** One key of a feature ordering: a property, or the feature id when `property` is null. */
export interface SortKey {
  property: PropertyRef | null;
  descending: boolean;
}

/** A piece of SQL with its bound parameters (values are never written into the SQL text). */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * The condition of an items `datetime` interval (inclusive ISO timestamps, null = open) on `f.datetime_start` /
 * `f.datetime_end`: SQL both engines accept, one term per part.
 */
export function intervalTerms([start, end]: readonly [string | null, string | null]): { parts: string[]; params: unknown[] } {
  const parts = ['f.datetime_start IS NOT NULL'];
  const params: unknown[] = [];
  if (end !== null) {
    parts.push('f.datetime_start <= ?');
    params.push(end);
  }
  if (start !== null) {
    parts.push('(f.datetime_end IS NULL OR f.datetime_end >= ?)');
    params.push(start);
  }
  return { parts, params };
}

/** An end of an interval in a temporal relation: 0 = left start, 1 = left end, 2 = right start, 3 = right end. */
type End = 0 | 1 | 2 | 3;

/**
 * Allen's relations over [left start, left end] and [right start, right end], as CQL2 defines the T_ functions: each
 * a conjunction of comparisons between ends (both engines' SQL generators read it). `t_disjoint` is empty: it is
 * NOT `t_intersects`.
 */
export const TEMPORAL_RELATIONS: Record<TemporalOp, [End, '<' | '<=' | '=' | '>=' | '>', End][]> = {
  t_after: [[0, '>', 3]],
  t_before: [[1, '<', 2]],
  t_contains: [[0, '<', 2], [1, '>', 3]],
  t_disjoint: [],
  t_during: [[0, '>', 2], [1, '<', 3]],
  t_equals: [[0, '=', 2], [1, '=', 3]],
  t_finishedby: [[0, '<', 2], [1, '=', 3]],
  t_finishes: [[0, '>', 2], [1, '=', 3]],
  t_intersects: [[0, '<=', 3], [1, '>=', 2]],
  t_meets: [[1, '=', 2]],
  t_metby: [[0, '=', 3]],
  t_overlappedby: [[0, '>', 2], [0, '<', 3], [1, '>', 3]],
  t_overlaps: [[0, '<', 2], [1, '>', 2], [1, '<', 3]],
  t_startedby: [[0, '=', 2], [1, '>', 3]],
  t_starts: [[0, '=', 2], [1, '<', 3]],
};

/** Earliest and latest instants: the ends of an open interval. */
export const OPEN_INTERVAL = { start: '0000-01-01T00:00:00.000Z', end: '9999-12-31T23:59:59.999Z' } as const;
