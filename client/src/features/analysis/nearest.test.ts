import { destination, featureCollection, lineString, multiPoint, point } from '@turf/turf';
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { nearestFeature } from './nearest';

const A: [number, number] = [120.165, 30.245];
const at = (metres: number, bearing: number) => destination(A, metres, bearing, { units: 'meters' }).geometry.coordinates as [number, number];

describe('nearestFeature', () => {
  it('finds the nearest point and its distance in metres', () => {
    const layer = featureCollection([point(at(400, 0), { name: 'far' }), point(at(150, 200), { name: 'near' }), point(at(151, 90), { name: 'close second' })]);
    const result = nearestFeature(A, layer);

    expect(result?.feature.properties?.name).toBe('near');
    expect(result?.distanceM).toBeCloseTo(150, 1);
    expect(result?.position).toEqual(at(150, 200));
  });

  it('looks at every point of a multipoint and ignores other geometries', () => {
    const layer = featureCollection<Geometry>([lineString([A, at(10, 0)], { name: 'line' }), multiPoint([at(900, 0), at(60, 270)], { name: 'multi' }), point(at(80, 90), { name: 'single' })]);
    const result = nearestFeature(A, layer);

    expect(result?.feature.properties?.name).toBe('multi');
    expect(result?.distanceM).toBeCloseTo(60, 1);
  });

  it('gives nothing for a layer without points', () => {
    expect(nearestFeature(A, featureCollection([]))).toBeUndefined();
  });
});
