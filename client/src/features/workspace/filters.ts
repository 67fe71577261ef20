import type { ExpressionSpecification } from 'maplibre-gl';
import type { LayerSchema, PropertySchema } from '@shared/layers';

/** A condition on one property: one of some enum values, a numeric range, or a range of years of a date. */
export type Condition =
  | { kind: 'in'; values: string[] }
  | { kind: 'range'; min?: number; max?: number }
  | { kind: 'years'; min?: number; max?: number };

/** The conditions on one layer, by property key; all must hold. */
export type LayerFilter = Record<string, Condition>;

/** Filters of every filtered layer, by catalogue layer id. */
export type LayerFilters = Record<string, LayerFilter>;

/** How a property can be filtered, read from its schema; `undefined` when it cannot. */
export function conditionKind(schema: PropertySchema): Condition['kind'] | undefined {
  if (schema['x-long-text']) return undefined;
  if (schema.enum && schema.enum.length > 1) return 'in';
  if (schema.type === 'number' || schema.type === 'integer') return 'range';
  if (schema.type === 'string' && schema.format === 'date') return 'years';
  return undefined;
}

/** The filterable properties of a layer schema, in schema order. */
export function filterableProperties(schema: LayerSchema): { key: string; kind: Condition['kind']; schema: PropertySchema }[] {
  return Object.entries(schema.properties).flatMap(([key, property]) => {
    const kind = conditionKind(property);
    return kind ? [{ key, kind, schema: property }] : [];
  });
}

/** Whether a condition restricts nothing (no values chosen, no bounds). */
export function isEmptyCondition(condition: Condition): boolean {
  if (condition.kind === 'in') return false;
  return condition.min === undefined && condition.max === undefined;
}

/** A filter without conditions that restrict nothing; `undefined` when nothing is left. */
export function activeConditions(filter: LayerFilter | undefined): [string, Condition][] {
  return Object.entries(filter ?? {}).filter(([, condition]) => !isEmptyCondition(condition));
}

function bounded(value: ExpressionSpecification, min?: number, max?: number): ExpressionSpecification[] {
  return [
    ...(min === undefined ? [] : [['>=', value, min] as ExpressionSpecification]),
    ...(max === undefined ? [] : [['<=', value, max] as ExpressionSpecification]),
  ];
}

function conditionExpression(key: string, condition: Condition): ExpressionSpecification {
  if (condition.kind === 'in') return ['in', ['to-string', ['get', key]], ['literal', condition.values]];
  const value: ExpressionSpecification = condition.kind === 'range'
    ? ['to-number', ['get', key]]
    : ['to-number', ['slice', ['to-string', ['get', key]], 0, 4]];
  return ['all', ['has', key], ...bounded(value, condition.min, condition.max)];
}

/**
 * The MapLibre filter expression of a layer filter, `undefined` when it restricts nothing.
 * Aggregates of clustered points (`point_count`) always pass: they carry no properties.
 */
export function filterExpression(filter: LayerFilter | undefined): ExpressionSpecification | undefined {
  const conditions = activeConditions(filter);
  if (conditions.length === 0) return undefined;
  return ['any', ['has', 'point_count'], ['all', ...conditions.map(([key, c]) => conditionExpression(key, c))]];
}


function yearOf(value: unknown): number | undefined {
  const year = Number(String(value ?? '').slice(0, 4));
  return Number.isFinite(year) && String(value ?? '').length >= 4 ? year : undefined;
}

function within(value: number | undefined, min?: number, max?: number): boolean {
  if (value === undefined || Number.isNaN(value)) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/** Whether a feature's properties pass a layer filter; the same test `filterExpression` makes on the map. */
export function matchesFilter(properties: Record<string, unknown> | null, filter: LayerFilter | undefined): boolean {
  const props = properties ?? {};
  return activeConditions(filter).every(([key, condition]) => {
    const value = props[key];
    if (condition.kind === 'in') return value !== undefined && value !== null && condition.values.includes(String(value));
    if (!(key in props) || value === null) return false;
    if (condition.kind === 'range') return within(typeof value === 'number' ? value : Number(value), condition.min, condition.max);
    return within(yearOf(value), condition.min, condition.max);
  });
}
