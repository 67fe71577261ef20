import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database';
import { createFeatureRepository, type FeatureRepository } from './feature-repository';
import { createLayerRepository, type Layer, type LayerRepository } from './layer-repository';
import { propertyIndexName } from './property-index-repository';

const NOW = '2011-12-31T00:00:00.000Z';

function layer(id: string, geometryType: Layer['geometryType'], stateEnum: boolean): Omit<Layer, 'version' | 'updatedAt'> {
  return {
    id, title: { zh: id, en: id }, description: { zh: '', en: '' }, group: 'ecology', geometryType,
    schema: { type: 'object', required: [], properties: {
      state: stateEnum ? { type: 'string', enum: ['open', 'closed'] } : { type: 'string' },
      kind: { type: 'string' },
    } },
    style: { color: '#000000' }, options: {}, attribution: '', sortOrder: 0,
  };
}

function point(layerId: string, lon: number, lat: number, props: Record<string, unknown>) {
  return { layerId, geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), properties: JSON.stringify(props),
    bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: null, datetimeEnd: null };
}

const indexes = (db: Db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'features_eq_%' ORDER BY name").pluck().all();

describe('property indexes of point layers', () => {
  let db: Db;
  let layers: LayerRepository;
  let features: FeatureRepository;

  beforeEach(() => {
    db = openDatabase(':memory:');
    layers = createLayerRepository(db);
    features = createFeatureRepository(db);
    layers.upsert(layer('cases-x', 'Point', true), NOW);
    layers.upsert(layer('other', 'Point', true), NOW);
    features.insert(point('cases-x', 120.150, 30.230, { state: 'open', kind: 'a' }), NOW);
    features.insert(point('cases-x', 120.160, 30.240, { state: 'open', kind: 'b' }), NOW);
    features.insert(point('cases-x', 120.161, 30.241, { state: 'closed', kind: 'a' }), NOW);
    features.insert(point('cases-x', 120.170, 30.250, { state: 'open', kind: 'a' }), NOW);
    features.insert(point('other', 120.160, 30.240, { state: 'open', kind: 'a' }), NOW);
  });

  it('creates one index per enum property of a point layer and drops it when the schema no longer lists values', () => {
    expect(indexes(db)).toEqual([propertyIndexName('cases-x', 'state'), propertyIndexName('other', 'state')].sort());
    layers.upsert(layer('cases-x', 'Point', false), NOW);
    expect(indexes(db)).toEqual([propertyIndexName('other', 'state')]);
    layers.upsert(layer('other', 'Polygon', true), NOW);
    expect(indexes(db)).toEqual([]);
  });

  it('answers bbox + equality from the index (EXPLAIN QUERY PLAN) with the features the R*Tree finds', () => {
    const q = { layerId: 'cases-x', bbox: [120.155, 30.235, 120.175, 30.255] as [number, number, number, number], limit: 10, offset: 0 };
    const indexed = features.query({ ...q, equals: [{ property: 'state', value: 'open' }] });
    expect(indexed.numberMatched).toBe(2);
    expect(indexed.rows.map((r) => r.id)).toEqual([2, 4]);
    const withKind = features.query({ ...q, equals: [{ property: 'kind', value: 'a' }, { property: 'state', value: 'open' }] });
    expect(withKind.rows.map((r) => r.id)).toEqual([4]);

    const name = propertyIndexName('cases-x', 'state');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT f.id FROM features f INDEXED BY ${name}
      WHERE f.layer_id = 'cases-x' AND json_extract(f.properties, '$."state"') = ?
      AND json_extract(f.geometry, '$.coordinates[0]') BETWEEN ? AND ? AND json_extract(f.geometry, '$.coordinates[1]') BETWEEN ? AND ?`)
      .all('open', 120.155, 120.175, 30.235, 30.255) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain(`USING INDEX ${name} (<expr>=? AND <expr>>? AND <expr><?)`);
  });

  it('leaves a layer without indexed properties on the R*Tree', () => {
    layers.upsert(layer('cases-x', 'Point', false), NOW);
    const r = features.query({ layerId: 'cases-x', bbox: [120.155, 30.235, 120.175, 30.255], equals: [{ property: 'state', value: 'open' }], limit: 10, offset: 0 });
    expect(r.rows.map((row) => row.id)).toEqual([2, 4]);
  });
});
