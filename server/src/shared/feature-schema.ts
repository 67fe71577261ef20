import type { LayerSchema, PropertySchema } from './layers';

/**
 * Bounds every layer property gets unless its schema is narrower: integers stay exact
 * (±2^53 − 1), other numbers within ±1e15 (vector tiles and JSON readers carry them safely),
 * strings at most 500 characters (4,000 for `x-long-text`), and required strings non-blank.
 */
export const PROPERTY_LIMITS = { integer: Number.MAX_SAFE_INTEGER, number: 1e15, maxLength: 500, longTextMaxLength: 4000 } as const;

/** A property schema with the limits applied: what the server validates and the form checks. */
export type BoundedProperty = PropertySchema & { minimum?: number; maximum?: number; maxLength?: number; 'x-non-blank'?: boolean };

/**
 * One property with the {@link PROPERTY_LIMITS} applied: numbers get `minimum`/`maximum` within
 * the bound (a narrower bound of the schema is kept), strings a `maxLength` (the schema's, else
 * the default for plain or long text), and a required string `x-non-blank`.
 */
export function boundedProperty(p: PropertySchema, required: boolean): BoundedProperty {
  if (p.type === 'integer' || p.type === 'number') {
    const bound = p.type === 'integer' ? PROPERTY_LIMITS.integer : PROPERTY_LIMITS.number;
    const { minimum, maximum } = p as { minimum?: unknown; maximum?: unknown };
    return {
      ...p,
      minimum: typeof minimum === 'number' ? Math.max(minimum, -bound) : -bound,
      maximum: typeof maximum === 'number' ? Math.min(maximum, bound) : bound,
    };
  }
  if (p.type !== 'string') return p;
  const maxLength = typeof p.maxLength === 'number' ? p.maxLength : p['x-long-text'] ? PROPERTY_LIMITS.longTextMaxLength : PROPERTY_LIMITS.maxLength;
  return { ...p, maxLength, ...(required ? { 'x-non-blank': true } : {}) };
}

/** A layer schema with the {@link PROPERTY_LIMITS} applied to each property. */
export function boundedSchema(schema: LayerSchema): LayerSchema {
  const required = new Set(schema.required ?? []);
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([name, p]) => [name, boundedProperty(p, required.has(name))]));
  return { ...schema, properties };
}

/** Whether a text is empty or only white space (what `x-non-blank` refuses). */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** The length of a string as JSON Schema's `maxLength` counts it: in Unicode code points. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
