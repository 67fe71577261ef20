import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { createDistrictArea } from './district-check';
import { createFeatureRepository, type NewFeature } from './feature-repository';
import { createLayerRepository } from './layer-repository';

const NOW = '2011-12-31T00:00:00.000Z';
const square = (x0: number, y0: number, d: number): NewFeature => ({
  layerId: 'district-boundary', properties: '{}', datetimeStart: null, datetimeEnd: null, bbox: [x0, y0, x0 + d, y0 + d],
  geometry: JSON.stringify({ type: 'Polygon', coordinates: [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]] }),
});

describe('createDistrictArea', () => {
  it('parses the boundary once per version of its layer and sees a new boundary at once', () => {
    const db = openDatabase(':memory:');
    const features = createFeatureRepository(db);
    let reads = 0;
    const counting = { query: (q: Parameters<typeof features.query>[0]) => { reads += 1; return features.query(q); } };
    const area = createDistrictArea(db, counting);
    expect(area()).toBeUndefined();
    expect(reads).toBe(0);

    createLayerRepository(db).upsert({
      id: 'district-boundary', title: { zh: 'b', en: 'b' }, description: { zh: '', en: '' }, group: 'administrative', geometryType: 'Polygon',
      schema: { type: 'object', required: [], properties: {} }, style: { color: '#000000' }, options: {}, attribution: '', sortOrder: 0,
    }, NOW);
    expect(area()).toBeUndefined();
    const id = features.insert(square(120, 30, 1), NOW);
    const first = area();
    expect(first?.geometry.coordinates[0]).toEqual([[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]);
    expect(area()).toBe(first);
    const before = reads;
    for (let i = 0; i < 10; i += 1) area();
    expect(reads).toBe(before);

    features.update(id, square(100, 10, 2), NOW);
    expect(area()?.geometry.coordinates[0]?.[0]).toEqual([100, 10]);
    expect(reads).toBe(before + 1);
  });
});
