import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../tests/helpers/test-db';
import type { Db } from '../../db/database';
import { createTileRepository } from '../../tiles/tile-repository';
import { createFeatureRepository, type FeatureRepository } from './feature-repository';
import { createLayerRepository, type LayerRepository } from './layer-repository';
import { propertyIndexName } from './property-index-repository';

const NOW = '2011-12-31T00:00:00.000Z';

function point(layerId: string, lon: number, lat: number, props: Record<string, unknown>) {
  return { layerId, geometry: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), properties: JSON.stringify(props),
    bbox: [lon, lat, lon, lat] as [number, number, number, number], datetimeStart: null, datetimeEnd: null };
}

describe('feature repository on PostgreSQL/PostGIS', () => {
  let db: Db;
  let layers: LayerRepository;
  let features: FeatureRepository;

  beforeAll(() => {
    db = openTestDatabase();
    layers = createLayerRepository(db);
    features = createFeatureRepository(db);
    layers.upsert({
      id: 'rooms', title: { zh: '房', en: 'Rooms' }, description: { zh: '', en: '' }, group: 'ecology', geometryType: 'Point',
      schema: { type: 'object', required: [], properties: { state: { type: 'string', enum: ['open', 'closed'] }, flag: { type: 'boolean' } } },
      style: { color: '#000000' }, options: {}, attribution: '', sortOrder: 0,
    }, NOW);
  });
  afterAll(() => db.close());

  it('finds a property value as SQLite json_extract does: true is 1, a string "1" is not', () => {
    const [a, b, c] = features.insertMany([
      point('rooms', 120.15, 30.23, { state: 'open', flag: true }),
      point('rooms', 120.16, 30.24, { state: 'open', flag: 1 }),
      point('rooms', 120.17, 30.25, { state: 'closed', flag: '1' }),
    ], NOW);
    const ids = (value: string | number | boolean) =>
      features.query({ layerId: 'rooms', equals: [{ property: 'flag', value }], limit: 10, offset: 0 }).rows.map((r) => r.id);
    expect(ids(true)).toEqual([a, b]);
    expect(ids(1)).toEqual([a, b]);
    expect(ids('1')).toEqual([c]);
    expect(ids(false)).toEqual([]);
  });

  it('answers bbox + equality, and the equality matches the layer\'s partial property index (EXPLAIN)', () => {
    const name = propertyIndexName('rooms', 'state');
    const page = features.query({ layerId: 'rooms', bbox: [120.155, 30.235, 120.175, 30.255], equals: [{ property: 'state', value: 'open' }], limit: 10, offset: 0 });
    expect(page.rows.map((r) => JSON.parse(r.properties))).toEqual([{ state: 'open', flag: 1 }]);
    db.exec('SET enable_seqscan = off');
    // the repository's equality, as it spells it; three rows would be read sequentially, so that is switched off
    const plan = (db.prepare(`EXPLAIN SELECT f.id FROM features f WHERE f.layer_id = 'rooms' AND f.properties -> 'state' = ?::jsonb`)
      .pluck().all('"open"') as string[]).join('\n');
    db.exec('RESET enable_seqscan');
    expect(plan).toContain(name);
  });

  it('stores a batch in order, one layer version and change-log entry per feature', () => {
    const tiles = createTileRepository(db);
    const before = tiles.version('rooms')!;
    const ids = db.transaction(() => features.insertMany(Array.from({ length: 1203 }, (_, i) => point('rooms', 120.15 + i * 1e-6, 30.2, { n: i })), NOW))();
    expect(ids).toHaveLength(1203);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(tiles.version('rooms')).toBe(before + 1203);
    expect(tiles.changedFeatures('rooms', before, before + 1203)).toEqual(ids);
    expect(JSON.parse(features.get('rooms', ids[1202]!)!.properties)).toEqual({ n: 1202 });
    expect(features.deleteAllOfLayer('rooms')).toBe(1206);
    expect(tiles.changedFeatures('rooms', before + 1203, before + 1203 + 1206)).toHaveLength(1206);
  });
});
