import { describe, expect, it } from 'vitest';
import type { LayerSchema } from './layers';
import { boundedProperty, boundedSchema, isBlank, textLength } from './feature-schema';

describe('boundedProperty', () => {
  it('bounds numbers at ±1e15 and integers at ±(2^53 − 1), keeping a narrower bound', () => {
    expect(boundedProperty({ type: 'number' }, false)).toEqual({ type: 'number', minimum: -1e15, maximum: 1e15 });
    expect(boundedProperty({ type: 'integer', minimum: 0 }, false)).toEqual({ type: 'integer', minimum: 0, maximum: 9007199254740991 });
    expect(boundedProperty({ type: 'number', minimum: -1e20, maximum: 100 } as never, false)).toEqual({ type: 'number', minimum: -1e15, maximum: 100 });
  });

  it('gives strings 500 characters, long text 4,000, keeps a given maxLength, and marks required strings non-blank', () => {
    expect(boundedProperty({ type: 'string' }, false)).toEqual({ type: 'string', maxLength: 500 });
    expect(boundedProperty({ type: 'string', 'x-long-text': true }, true)).toEqual({ type: 'string', 'x-long-text': true, maxLength: 4000, 'x-non-blank': true });
    expect(boundedProperty({ type: 'string', maxLength: 12 } as never, false)).toEqual({ type: 'string', maxLength: 12 });
  });

  it('leaves booleans alone', () => {
    expect(boundedProperty({ type: 'boolean' }, true)).toEqual({ type: 'boolean' });
  });
});

describe('boundedSchema', () => {
  it('bounds every property and knows which are required', () => {
    const schema: LayerSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, note: { type: 'string' } } };
    expect(boundedSchema(schema).properties).toEqual({
      name: { type: 'string', maxLength: 500, 'x-non-blank': true },
      note: { type: 'string', maxLength: 500 },
    });
  });
});

describe('text helpers', () => {
  it('counts code points, as JSON Schema does', () => {
    expect(textLength('清波🌳')).toBe(3);
    expect('清波🌳'.length).toBe(4);
  });

  it('finds blank text', () => {
    expect(isBlank(' \t\n')).toBe(true);
    expect(isBlank(' a ')).toBe(false);
  });
});
