import { boundedProperty, isBlank, textLength } from '@shared/feature-schema';
import type { FeatureProblem } from '@shared/errors';
import type { LayerSchema, PropertySchema } from '@shared/layers';

/** A form's values: text for text, number and date inputs and selects; booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

/** Why a field is invalid (translated by the form), with the bound for min/max. */
export type FieldError =
  | { code: 'required' }
  | { code: 'number' | 'integer' | 'enum' | 'date' }
  | { code: 'min' | 'max' | 'maxLength'; limit: number }
  | { code: 'server'; message: string };

/** The control a schema property is edited with. */
export function controlOf(schema: PropertySchema): 'select' | 'checkbox' | 'number' | 'date' | 'textarea' | 'text' {
  if (schema.enum) return 'select';
  if (schema.type === 'boolean') return 'checkbox';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.format === 'date') return 'date';
  return schema['x-long-text'] ? 'textarea' : 'text';
}

/** The form values of a feature's properties (all schema properties, empty when absent). */
export function toFormValues(schema: LayerSchema, properties: Record<string, unknown>): FormValues {
  return Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => {
    const value = properties[key];
    if (property.type === 'boolean') return [key, value === true];
    return [key, value === null || value === undefined ? '' : String(value)];
  }));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function fieldError(property: PropertySchema, value: string | boolean, required: boolean): FieldError | undefined {
  if (typeof value === 'boolean') return undefined;
  if (isBlank(value)) return required ? { code: 'required' } : undefined;
  const text = value.trim();
  const schema = boundedProperty(property, required);
  if (schema.enum && !schema.enum.map(String).includes(text)) return { code: 'enum' };
  if (schema.type === 'number' || schema.type === 'integer') {
    const number = Number(text);
    if (!Number.isFinite(number)) return { code: 'number' };
    if (schema.type === 'integer' && !Number.isInteger(number)) return { code: 'integer' };
    const { minimum, maximum } = schema;
    if (minimum !== undefined && number < minimum) return { code: 'min', limit: minimum };
    if (maximum !== undefined && number > maximum) return { code: 'max', limit: maximum };
  }
  if (schema.type === 'string' && schema.maxLength !== undefined && textLength(text) > schema.maxLength) return { code: 'maxLength', limit: schema.maxLength };
  if (schema.format === 'date' && !validDate(text)) return { code: 'date' };
  return undefined;
}

/**
 * The errors of a form against the layer schema with the server's `PROPERTY_LIMITS` applied
 * (required, enum, number/integer, min/max, maxLength, date), by key.
 */
export function validateForm(schema: LayerSchema, values: FormValues): Record<string, FieldError> {
  const required = new Set(schema.required);
  const errors: Record<string, FieldError> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    const error = fieldError(property, values[key] ?? '', required.has(key));
    if (error) errors[key] = error;
  }
  return errors;
}

/** The feature properties of valid form values: numbers as numbers, empty optional fields left out. */
export function fromFormValues(schema: LayerSchema, values: FormValues): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    const value = values[key];
    if (typeof value === 'boolean') {
      properties[key] = value;
      continue;
    }
    const text = (value ?? '').trim();
    if (text === '') continue;
    const numeric = (property.type === 'number' || property.type === 'integer') && !(property.enum ?? []).some((v) => typeof v === 'string');
    properties[key] = numeric ? Number(text) : text;
  }
  return properties;
}

/**
 * Field errors from a 400's `details` (`[{ path: 'properties.x', message }]`); problems not tied
 * to one property (geometry, the whole object) come back under `_form`.
 */
export function serverFieldErrors(details: unknown): Record<string, FieldError> {
  if (!Array.isArray(details)) return {};
  const errors: Record<string, FieldError> = {};
  for (const problem of details as Partial<Record<keyof FeatureProblem, unknown>>[]) {
    const path = typeof problem?.path === 'string' ? problem.path : '';
    const message = typeof problem?.message === 'string' ? problem.message : String(problem?.message ?? '');
    const missing = /required property '([^']+)'/.exec(message)?.[1];
    const key = missing ?? (path.startsWith('properties.') ? path.slice('properties.'.length).split('.')[0]! : '_form');
    errors[key] = { code: 'server', message: errors[key]?.code === 'server' ? `${(errors[key] as { message: string }).message}; ${message}` : message };
  }
  return errors;
}
