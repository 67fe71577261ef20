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
