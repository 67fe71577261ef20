import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { writeFixtureDataDir } from '../../../tests/helpers/fixture-data';
import { createLayerRepository } from '../features/layers';
import { seedDatabase } from './seed';
import { syncLayerDefinitions } from './sync';

function seeded() {
  const db = openDatabase(':memory:');
  seedDatabase(db, writeFixtureDataDir());
  return { db, layers: createLayerRepository(db) };
}

const featureRows = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT id, layer_id, geometry, properties FROM features ORDER BY id').all();

describe('syncLayerDefinitions', () => {
  it('changes nothing when the data matches the database', () => {
    const { db, layers } = seeded();
    const versions = layers.list().map((l) => [l.id, l.version]);
    expect(syncLayerDefinitions(db, writeFixtureDataDir())).toEqual({ updated: [], added: [], schemaDiffers: [] });
    expect(layers.list().map((l) => [l.id, l.version])).toEqual(versions);
  });

  it('stores a changed style and hint, bumping only that layer, and keeps every feature as edited', () => {
    const { db, layers } = seeded();
    db.prepare("UPDATE features SET properties = jsonb_set(properties, '$.name', '已编辑') WHERE layer_id = 'alleys'").run();
    const before = featureRows(db);
    const version = layers.get('alleys')!.version;
    const roomsVersion = layers.get('garbage-rooms')!.version;
    const dir = writeFixtureDataDir((files) => {
      const alleys = files['layers.json'].find((l: { id: string }) => l.id === 'alleys');
      alleys.style.color = '#123456';
      alleys.temporal = { start: 'start_date' };
    });
    expect(syncLayerDefinitions(db, dir).updated).toEqual(['alleys']);
    const alleys = layers.get('alleys')!;
    expect(alleys.style.color).toBe('#123456');
    expect(alleys.options.temporal).toEqual({ start: 'start_date' });
    expect(alleys.version).toBe(version + 1);
    expect(layers.get('garbage-rooms')!.version).toBe(roomsVersion);
    expect(featureRows(db)).toEqual(before);
    expect(syncLayerDefinitions(db, dir).updated).toEqual([]);
  });

  it('reports a changed schema but keeps the stored one', () => {
    const { db, layers } = seeded();
    const stored = layers.get('garbage-rooms')!.schema;
    const dir = writeFixtureDataDir((files) => {
      const rooms = files['layers.json'].find((l: { id: string }) => l.id === 'garbage-rooms');
      rooms.schema.properties = { ...rooms.schema.properties, note: { type: 'string', title: '备注' } };
    });
    expect(syncLayerDefinitions(db, dir)).toEqual({ updated: [], added: [], schemaDiffers: ['garbage-rooms'] });
    expect(layers.get('garbage-rooms')!.schema).toEqual(stored);
  });

  it('adds a layer that is new in the data, with its features', () => {
    const db = openDatabase(':memory:');
    seedDatabase(db, writeFixtureDataDir((files) => {
      files['layers.json'] = files['layers.json'].filter((l: { id: string }) => l.id !== 'alleys');
    }));
    expect(syncLayerDefinitions(db, writeFixtureDataDir()).added).toEqual(['alleys']);
    expect(db.prepare("SELECT count(*) FROM features WHERE layer_id = 'alleys'").pluck().get()).toBe(2);
  });

  it('writes nothing when the data is broken', () => {
    const { db, layers } = seeded();
    const versions = layers.list().map((l) => l.version);
    const dir = writeFixtureDataDir((files) => {
      files['layers.json'].find((l: { id: string }) => l.id === 'alleys').style.color = '#654321';
      files['layers/garbage-rooms.geojson'].features[0].properties.status = 'broken';
    });
    expect(() => syncLayerDefinitions(db, dir)).toThrow(/garbage-rooms\.geojson/);
    expect(layers.list().map((l) => l.version)).toEqual(versions);
  });
});
