import { describe, expect, it } from 'vitest';
import type { LayerSchema } from '@shared/layers';
import { controlOf, fromFormValues, serverFieldErrors, toFormValues, validateForm } from './schemaForm';

const schema: LayerSchema = {
  type: 'object',
  required: ['name', 'status', 'capacity_t_per_day', 'households_served'],
  properties: {
    name: { type: 'string', title: '名称' },
    status: { type: 'string', enum: ['planned', 'in_service'] },
    capacity_t_per_day: { type: 'number', minimum: 0 },
    households_served: { type: 'integer', minimum: 0 },
    progress_pct: { type: 'number', minimum: 0, maximum: 100 },
    opened_date: { type: 'string', format: 'date' },
    note: { type: 'string', 'x-long-text': true },
    demo: { type: 'boolean' },
  },
};

const valid = { name: '新垃圾房', status: 'planned', capacity_t_per_day: '1.5', households_served: '300', progress_pct: '', opened_date: '2011-06-30', note: '', demo: false };

describe('the schema form', () => {
  it('picks a control per property type', () => {
    expect(Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, controlOf(s)]))).toEqual({
      name: 'text', status: 'select', capacity_t_per_day: 'number', households_served: 'number', progress_pct: 'number', opened_date: 'date', note: 'textarea', demo: 'checkbox',
    });
  });

  it('accepts a valid form and turns it into typed properties, leaving empty optional fields out', () => {
    expect(validateForm(schema, valid)).toEqual({});
    expect(fromFormValues(schema, valid)).toEqual({ name: '新垃圾房', status: 'planned', capacity_t_per_day: 1.5, households_served: 300, opened_date: '2011-06-30', demo: false });
  });

  it('reports required, enum, number, integer, min/max and date errors per field', () => {
    const errors = validateForm(schema, {
      ...valid, name: '  ', status: 'demolished', capacity_t_per_day: 'lots', households_served: '12.5', progress_pct: '120', opened_date: '2011-02-30',
    });
    expect(errors).toEqual({
      name: { code: 'required' },
      status: { code: 'enum' },
      capacity_t_per_day: { code: 'number' },
      households_served: { code: 'integer' },
      progress_pct: { code: 'max', limit: 100 },
      opened_date: { code: 'date' },
    });
    expect(validateForm(schema, { ...valid, capacity_t_per_day: '-1' }).capacity_t_per_day).toEqual({ code: 'min', limit: 0 });
  });

  it('applies the limits the server applies: 500 characters, 4,000 for long text, numbers within ±1e15, exact integers', () => {
    const long = 'x'.repeat(501);
    expect(validateForm(schema, { ...valid, name: long }).name).toEqual({ code: 'maxLength', limit: 500 });
    expect(validateForm(schema, { ...valid, name: 'x'.repeat(500) }).name).toBeUndefined();
    expect(validateForm(schema, { ...valid, name: `${'清'.repeat(499)}🌳` }).name).toBeUndefined();
    expect(validateForm(schema, { ...valid, note: long }).note).toBeUndefined();
    expect(validateForm(schema, { ...valid, note: 'x'.repeat(4001) }).note).toEqual({ code: 'maxLength', limit: 4000 });
    expect(validateForm(schema, { ...valid, capacity_t_per_day: '1e16' }).capacity_t_per_day).toEqual({ code: 'max', limit: 1e15 });
    expect(validateForm(schema, { ...valid, capacity_t_per_day: '1e15' }).capacity_t_per_day).toBeUndefined();
    expect(validateForm(schema, { ...valid, households_served: '9007199254740993' }).households_served).toEqual({ code: 'max', limit: 9007199254740991 });
    expect(validateForm(schema, { ...valid, progress_pct: '-1e16' }).progress_pct).toEqual({ code: 'min', limit: 0 });
  });

  it('keeps a narrower maxLength of the schema', () => {
    const narrow: LayerSchema = { type: 'object', required: [], properties: { code: { type: 'string', maxLength: 8 } } };
    expect(validateForm(narrow, { code: '123456789' })).toEqual({ code: { code: 'maxLength', limit: 8 } });
  });

  it('round-trips stored properties through the form', () => {
    const stored = { name: '甲', status: 'in_service', capacity_t_per_day: 2, households_served: 150, demo: true };
    const form = toFormValues(schema, stored);
    expect(form).toMatchObject({ capacity_t_per_day: '2', progress_pct: '', demo: true });
    expect(fromFormValues(schema, form)).toEqual(stored);
  });

  it('maps a 400\'s problems to their fields, the rest to the form', () => {
    expect(serverFieldErrors([
      { path: 'properties.capacity_t_per_day', message: 'must be >= 0' },
      { path: 'properties', message: "must have required property 'status'" },
      { path: 'geometry', message: 'position [0, 0] lies outside the district boundary' },
    ])).toEqual({
      capacity_t_per_day: { code: 'server', message: 'must be >= 0' },
      status: { code: 'server', message: "must have required property 'status'" },
      _form: { code: 'server', message: 'position [0, 0] lies outside the district boundary' },
    });
    expect(serverFieldErrors(undefined)).toEqual({});
  });
});
