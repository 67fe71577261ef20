import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkProperties, checkWithin } from './feature-validation';
import type { LayerSchema } from '@shared/layers';

/** 1 m in degrees of latitude, and of longitude at 30.24° N. */
const M_LAT = 1 / 111_195;
const M_LON = M_LAT / Math.cos((30.24 * Math.PI) / 180);

const district: Feature<Polygon> = {
  type: 'Feature', properties: {},
  geometry: { type: 'Polygon', coordinates: [[[120.15, 30.23], [120.17, 30.23], [120.17, 30.25], [120.15, 30.25], [120.15, 30.23]]] },
};
const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });

describe('checkWithin', () => {
  it('accepts vertices inside, on the edge and up to the tolerance outside it', () => {
    expect(checkWithin(point(120.16, 30.24), district)).toEqual([]);
    expect(checkWithin(point(120.17, 30.24), district)).toEqual([]);
    expect(checkWithin(point(120.17 + 0.4 * M_LON, 30.24), district)).toEqual([]);
    expect(checkWithin(point(120.16, 30.23 - 0.4 * M_LAT), district)).toEqual([]);
  });

  it('refuses the first vertex beyond the tolerance, whichever side', () => {
    expect(checkWithin(point(120.17 + 0.7 * M_LON, 30.24), district)).toHaveLength(1);
    expect(checkWithin(point(120.16, 30.25 + 0.7 * M_LAT), district)[0]!.message).toMatch(/lies outside the district boundary/);
    const line = { type: 'LineString' as const, coordinates: [[120.16, 30.24], [116.4, 39.9], [0, 0]] };
    expect(checkWithin(line, district)).toEqual([{ path: 'geometry', message: 'position [116.4, 39.9] lies outside the district boundary', code: 'outsideDistrict', field: 'geometry', params: { lon: 116.4, lat: 39.9 } }]);
  });

  it('checks thousands of vertices hugging the edge (each within the tolerance) and accepts them', () => {
    const hugging = Array.from({ length: 9000 }, (_, i) => [120.15 + (0.02 * i) / 9000, 30.23 - (i % 2 ? 0.3 : 0.1) * M_LAT]);
    expect(checkWithin({ type: 'LineString', coordinates: hugging }, district)).toEqual([]);
  });
});

describe('checkProperties bounds every layer schema', () => {
  const schema: LayerSchema = {
    type: 'object', required: ['name'], additionalProperties: false,
    properties: { name: { type: 'string' }, n: { type: 'integer', maximum: 1e300 }, x: { type: 'number' }, note: { type: 'string', 'x-long-text': true }, code: { type: 'string', maxLength: 8 } },
  };

  it('keeps integers exact and numbers within ±1e15 even when the schema allows more', () => {
    expect(checkProperties(schema, { name: 'a', n: 2 ** 53 - 1, x: -1e15 })).toEqual([]);
    expect(checkProperties(schema, { name: 'a', n: 2 ** 53 })).toEqual([{ path: 'properties.n', message: 'must be <= 9007199254740991', code: 'maximum', field: 'n', params: { limit: 9007199254740991 } }]);
    expect(checkProperties(schema, { name: 'a', x: -1e21 })).toEqual([{ path: 'properties.x', message: 'must be >= -1000000000000000', code: 'minimum', field: 'x', params: { limit: -1e15 } }]);
  });

  it('gives strings a default maxLength (500, long text 4,000) and keeps a narrower one', () => {
    expect(checkProperties(schema, { name: 'a'.repeat(501) })[0]!.message).toBe('must NOT have more than 500 characters');
    expect(checkProperties(schema, { name: 'a', note: 'a'.repeat(4000) })).toEqual([]);
    expect(checkProperties(schema, { name: 'a', code: 'a'.repeat(9) })[0]!.message).toBe('must NOT have more than 8 characters');
  });

  it('refuses blank required strings and prototype keys', () => {
    expect(checkProperties(schema, { name: ' \u00a0\n' })).toEqual([{ path: 'properties.name', message: 'must not be blank', code: 'blank', field: 'name' }]);
    expect(checkProperties(schema, { name: 'a', note: '  ' })).toEqual([]);
    expect(checkProperties(schema, JSON.parse('{"__proto__":{"name":"x"}}'))).toEqual([{ path: 'properties.__proto__', message: '"__proto__" is not allowed as a property name', code: 'reservedName', field: '__proto__' }]);
  });
});
