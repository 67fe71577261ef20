import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { writeFixtureDataDir } from '../../../tests/helpers/fixture-data';
import { seedDatabase } from './seed';

function seedError(edit: (files: Record<string, any>) => void): Error {
  const db = openDatabase(':memory:');
  const dir = writeFixtureDataDir(edit);
  try {
    seedDatabase(db, dir);
  } catch (err) {
    expect(db.prepare('SELECT count(*) FROM features').pluck().get()).toBe(0);
    return err as Error;
  }
  throw new Error('seed accepted broken data');
}

describe('seedDatabase', () => {
  it('stores every layer, feature and indicator', () => {
    const db = openDatabase(':memory:');
    const summary = seedDatabase(db, writeFixtureDataDir());
    expect(summary.layers).toEqual([
      { id: 'district-boundary', features: 1 },
      { id: 'garbage-rooms', features: 12 },
      { id: 'alleys', features: 2 },
    ]);
    expect(db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(15);
    expect(summary.indicators).toBe(1);
  });

  it('is idempotent: a second run gives the same rows, under new ids (an id is never given twice)', () => {
    const db = openDatabase(':memory:');
    const dir = writeFixtureDataDir();
    seedDatabase(db, dir);
    const rows = () => db.prepare('SELECT id, layer_id, geometry, properties FROM features ORDER BY id').all() as { id: number }[];
    const first = rows();
    seedDatabase(db, dir);
    const second = rows();
    expect(second.map(({ id: _id, ...row }) => row)).toEqual(first.map(({ id: _id, ...row }) => row));
    // the reloaded features are new objects: an old link or audit row must not reach them
    expect(Math.min(...second.map((r) => r.id))).toBe(Math.max(...first.map((r) => r.id)) + 1);
    expect(db.prepare('SELECT count(*) FROM indicators').pluck().get()).toBe(1);
  });

  it('rejects a schema violation, naming the file and feature', () => {
    const err = seedError((f) => { f['layers/garbage-rooms.geojson'].features[3].properties.status = 'broken'; });
    expect(err.message).toMatch(/layers\/garbage-rooms\.geojson feature #3 \(垃圾房4\).*status.*open, closed/);
  });

  it('rejects a missing required property and an unknown one', () => {
    expect(seedError((f) => { delete f['layers/alleys.geojson'].features[1].properties.name_en; }).message)
      .toMatch(/alleys\.geojson feature #1 \(红门局\).*name_en/);
    expect(seedError((f) => { f['layers/alleys.geojson'].features[0].properties.colour = 'red'; }).message)
      .toMatch(/unknown property "colour"/);
  });

  it('rejects an unclosed ring', () => {
    const err = seedError((f) => { f['layers/district-boundary.geojson'].features[0].geometry.coordinates[0].pop(); });
    expect(err.message).toMatch(/district-boundary\.geojson feature #0 \(测试街道\).*not closed/);
  });

  it('rejects a self-intersecting polygon', () => {
    const err = seedError((f) => {
      f['layers/district-boundary.geojson'].features[0].geometry.coordinates = [[[120.15, 30.23], [120.17, 30.25], [120.17, 30.23], [120.15, 30.25], [120.15, 30.23]]];
    });
    expect(err.message).toMatch(/intersects itself/);
  });

  it('rejects coordinates out of range and the wrong geometry type', () => {
    expect(seedError((f) => { f['layers/garbage-rooms.geojson'].features[0].geometry.coordinates = [200, 30]; }).message).toMatch(/out of range/);
    expect(seedError((f) => { f['layers/garbage-rooms.geojson'].features[0].geometry = { type: 'LineString', coordinates: [[120.16, 30.24], [120.161, 30.24]] }; }).message)
      .toMatch(/expected Point or MultiPoint, got LineString/);
  });

  it('rejects a feature outside the district', () => {
    const err = seedError((f) => { f['layers/garbage-rooms.geojson'].features[5].geometry.coordinates = [120.2, 30.24]; });
    expect(err.message).toMatch(/garbage-rooms\.geojson feature #5.*outside the district/);
  });

  it('rejects invalid JSON and a bad catalogue entry', () => {
    expect(seedError((f) => { f['layers/alleys.geojson'] = '{ not json'; }).message).toMatch(/layers\/alleys\.geojson: invalid JSON/);
    expect(seedError((f) => { f['layers.json'][1].geometryType = 'Blob'; }).message).toMatch(/layers\.json layer #1: geometryType/);
  });

  it('refuses a layer file outside the data folder', () => {
    const err = seedError((f) => { f['layers.json'][2].file = '../../etc/passwd'; });
    expect(err.message).toMatch(/outside the data folder/);
  });

  it('accepts the committed demo district', () => {
    const dataDir = path.resolve(__dirname, '../../../data');
    if (!fs.existsSync(path.join(dataDir, 'layers.json'))) throw new Error('data/layers.json is missing');
    const db = openDatabase(':memory:');
    expect(seedDatabase(db, dataDir).layers.length).toBeGreaterThanOrEqual(15);
  });
});
