import { area, buffer, destination, featureCollection, lineString, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { bufferFeatures, MAX_ANALYSIS_FEATURES, TooManyFeaturesError } from './buffer';

const A: [number, number] = [120.165, 30.245];
const east = (metres: number) => destination(A, metres, 90, { units: 'meters' }).geometry.coordinates as [number, number];

describe('bufferFeatures', () => {
  it('buffers one point into a disc of the radius', () => {
    const result = bufferFeatures([point(A)], 100);

    expect(result.count).toBe(1);
    expect(result.areaM2).toBeCloseTo(area(buffer(point(A), 100, { units: 'meters' })!), 0);
    expect(result.areaM2 / (Math.PI * 100 ** 2)).toBeGreaterThan(0.98);
    expect(result.areaM2 / (Math.PI * 100 ** 2)).toBeLessThanOrEqual(1);
  });

  it('unions overlapping buffers, counting the overlap once', () => {
    const one = bufferFeatures([point(A)], 100).areaM2;
    const same = bufferFeatures([point(A), point(A)], 100);
    const apart = bufferFeatures([point(A), point(east(1000))], 100);
    const touching = bufferFeatures([point(A), point(east(100))], 100);

    expect(same.areaM2).toBeCloseTo(one, 0);
    expect(same.polygon?.geometry.type).toBe('Polygon');
    expect(apart.areaM2 / (2 * one)).toBeCloseTo(1, 4);
    expect(apart.polygon?.geometry.type).toBe('MultiPolygon');
    expect(touching.areaM2).toBeGreaterThan(one);
    expect(touching.areaM2).toBeLessThan(2 * one);
  });

  it('buffers a line into a stadium of length × 2r plus a disc', () => {
    const result = bufferFeatures([lineString([A, east(500)])], 50);
    const expected = 500 * 100 + Math.PI * 50 ** 2;

    expect(Math.abs(result.areaM2 - expected) / expected).toBeLessThan(0.01);
  });

  it('grows a polygon by the radius all round and skips features without geometry', () => {
    const [w, s] = A;
    const [e] = east(200);
    const n = destination(A, 200, 0, { units: 'meters' }).geometry.coordinates[1]!;
    const square = polygon([[[w, s], [e!, s], [e!, n], [w, n], [w, s]]]);
    const result = bufferFeatures([square, { type: 'Feature', geometry: null as never, properties: {} }], 10);
    const expected = 200 * 200 + 4 * 200 * 10 + Math.PI * 10 ** 2;

    expect(result.count).toBe(1);
    expect(Math.abs(result.areaM2 - expected) / expected).toBeLessThan(0.01);
  });

  it('gives no polygon for no features and rejects a bad radius', () => {
    expect(bufferFeatures(featureCollection([]).features, 100)).toEqual({ polygon: null, areaM2: 0, count: 0 });
    for (const radius of [0, -1, Number.POSITIVE_INFINITY, 6000]) expect(() => bufferFeatures([point(A)], radius)).toThrow(RangeError);
  });
});

describe('bufferFeatures limits', () => {
  it('refuses more features than one run takes', () => {
    const many = Array.from({ length: MAX_ANALYSIS_FEATURES + 1 }, () => point(A));
    expect(() => bufferFeatures(many, 10)).toThrow(TooManyFeaturesError);
    expect(bufferFeatures(many.slice(1), 10).count).toBe(MAX_ANALYSIS_FEATURES);
  });
});
