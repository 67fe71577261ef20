import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database';
import { createFeatureRepository, RTREE_DRIVE_LIMIT, type FeatureRepository } from './feature-repository';
import { createLayerRepository, type LayerRepository } from './layer-repository';

const NOW = '2011-12-31T00:00:00.000Z';

function addLayer(layers: LayerRepository, id: string) {
  layers.upsert({
    id, title: { zh: id, en: id }, description: { zh: '', en: '' }, group: 'ecology', geometryType: 'Point',
    schema: { type: 'object', required: [], properties: {} }, style: { color: '#000000' }, options: {}, attribution: '', sortOrder: 0,
  }, NOW);
}

function point(layerId: string, lon: number, lat: number, props: Record<string, unknown>, start: string | null = null) {
  return { layerId, geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), properties: JSON.stringify(props),
    bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: start, datetimeEnd: start };
}

describe('feature repository', () => {
  let db: Db;
  let layers: LayerRepository;
  let features: FeatureRepository;

  beforeEach(() => {
    db = openDatabase(':memory:');
    layers = createLayerRepository(db);
    features = createFeatureRepository(db);
    addLayer(layers, 'rooms');
    addLayer(layers, 'other');
    features.insert(point('rooms', 120.15, 30.23, { kind: 'a', n: 1 }, '2011-01-10T00:00:00.000Z'), NOW);
    features.insert(point('rooms', 120.16, 30.24, { kind: 'b', n: 2 }, '2011-05-10T00:00:00.000Z'), NOW);
    features.insert(point('rooms', 120.17, 30.25, { kind: 'a', n: 3 }), NOW);
    features.insert(point('other', 120.16, 30.24, { kind: 'a', n: 4 }), NOW);
  });

  it('filters by bbox through the R*Tree, only within the layer', () => {
    const { rows, numberMatched } = features.query({ layerId: 'rooms', bbox: [120.155, 30.235, 120.175, 30.255], limit: 10, offset: 0 });
    expect(numberMatched).toBe(2);
    expect(rows.map((r) => JSON.parse(r.properties).n)).toEqual([2, 3]);
  });

  it('keeps to the layer and the bbox when another layer crowds the bbox past the R*Tree drive limit', () => {
    db.transaction(() => {
      for (let i = 0; i <= RTREE_DRIVE_LIMIT; i += 1) features.insert(point('other', 120.16 + (i % 100) * 1e-5, 30.24, { n: 10 + i }), NOW);
    })();
    const box: [number, number, number, number] = [120.155, 30.235, 120.175, 30.255];
    const { rows, numberMatched } = features.query({ layerId: 'rooms', bbox: box, equals: [{ property: 'kind', value: 'a' }], limit: 10, offset: 0 });
    expect(numberMatched).toBe(1);
    expect(rows.map((r) => JSON.parse(r.properties).n)).toEqual([3]); // n 1 is of kind a too, but outside the bbox
  });

  it('filters by time interval, skipping undated features', () => {
    const q = { layerId: 'rooms', limit: 10, offset: 0 };
    expect(features.query({ ...q, interval: ['2011-05-01T00:00:00.000Z', null] }).numberMatched).toBe(1);
    expect(features.query({ ...q, interval: [null, '2011-12-31T00:00:00.000Z'] }).numberMatched).toBe(2);
  });

  it('filters by property equality with bound values', () => {
    const q = { layerId: 'rooms', limit: 10, offset: 0 };
    expect(features.query({ ...q, equals: [{ property: 'kind', value: 'a' }] }).numberMatched).toBe(2);
    expect(features.query({ ...q, equals: [{ property: 'n', value: 2 }] }).numberMatched).toBe(1);
    expect(features.query({ ...q, equals: [{ property: 'kind', value: "a' OR '1'='1" }] }).numberMatched).toBe(0);
  });

  it('pages in id order and counts all matches', () => {
    const page = features.query({ layerId: 'rooms', limit: 2, offset: 1 });
    expect(page.numberMatched).toBe(3);
    expect(page.rows.map((r) => JSON.parse(r.properties).n)).toEqual([2, 3]);
  });

  it('bumps the layer version on every write and cleans the index on delete', () => {
    const before = layers.get('rooms')!.version;
    features.insert(point('rooms', 120.16, 30.24, { n: 5 }), NOW);
    expect(layers.get('rooms')!.version).toBe(before + 1);
    expect(features.deleteAllOfLayer('rooms')).toBe(4);
    expect(layers.get('rooms')!.version).toBeGreaterThan(before + 1);
    expect(db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(1);
  });

  it('reports a layer extent', () => {
    const ext = layers.extent('rooms');
    expect(ext.featureCount).toBe(3);
    expect(ext.bbox![0]).toBeCloseTo(120.15, 4);
    expect(ext.bbox![3]).toBeCloseTo(30.25, 4);
    expect(ext.interval).toEqual(['2011-01-10T00:00:00.000Z', '2011-05-10T00:00:00.000Z']);
  });
});
