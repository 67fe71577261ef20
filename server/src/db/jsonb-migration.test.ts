import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion, type Db } from './database';
import { MIGRATIONS } from './migrations';
import { createFeatureRepository } from '../features/layers';

const JSONB = MIGRATIONS.find((m) => m.name.startsWith('feature properties as SQLite JSONB'))!;
const NOW = '2011-12-31T00:00:00.000Z';
const PROPS = [
  '{"name":"清波街道垃圾房","households":120,"ratio":0.35,"open":true,"tags":["a","b"],"note":null}',
  '{"name":"say \\"hi\\"\\n","big":1e+21,"nested":{"x":[1,2,{"y":"é"}]}}',
  '{}',
];

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A database file at the schema version just before the JSONB migration, with features, R*Tree rows and a photo. */
function oldDatabase(): { file: string; db: Db } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-jsonb-'));
  const file = path.join(dir, 'old.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version < JSONB.version));
  db.prepare(`INSERT INTO layers (id, title_zh, title_en, layer_group, geometry_type, schema, created_at, updated_at)
    VALUES ('rooms', '房', 'Rooms', 'ecology', 'Point', '{"type":"object","properties":{}}', ?, ?)`).run(NOW, NOW);
  const insert = db.prepare(`INSERT INTO features (layer_id, geometry, properties, datetime_start, created_at, updated_at)
    VALUES ('rooms', ?, ?, ?, ?, ?)`);
  const box = db.prepare("INSERT INTO features_rtree (id, min_x, max_x, min_y, max_y, layer_id, x, y) VALUES (?, ?, ?, ?, ?, 'rooms', ?, ?)");
  PROPS.forEach((p, i) => {
    const lon = 120.15 + i / 1000;
    const id = Number(insert.run(`{"type":"Point","coordinates":[${lon},30.24]}`, p, i === 0 ? NOW : null, NOW, NOW).lastInsertRowid);
    box.run(id, lon, lon, 30.24, 30.24, lon, 30.24);
  });
  db.prepare(`INSERT INTO feature_photos (layer_id, feature_id, kind, mime, bytes, width, height, sha256, file_name, thumb_name, created_at)
    VALUES ('rooms', 1, 'before', 'image/jpeg', 10, 1, 1, ?, 'a.jpg', 'a-thumb.jpg', ?)`).run('0'.repeat(64), NOW);
  return { file, db };
}

describe('migration: feature properties as JSONB', () => {
  it('converts the rows of an existing database in place and keeps its index, R*Tree, photos and triggers', () => {
    const { file, db: old } = oldDatabase();
    const before = old.prepare('SELECT id, layer_id, geometry, datetime_start, created_at, updated_at, version FROM features ORDER BY id').all();
    const layerVersion = old.prepare("SELECT version FROM layers WHERE id = 'rooms'").pluck().get() as number;
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT DISTINCT typeof(properties) FROM features').pluck().all()).toEqual(['blob']);
    expect(db.prepare('SELECT json(properties) FROM features ORDER BY id').pluck().all()).toEqual(PROPS);
    expect(db.prepare('SELECT id, layer_id, geometry, datetime_start, created_at, updated_at, version FROM features ORDER BY id').all()).toEqual(before);
    // the rebuild is no feature write: layer versions (tile caches, ETags) stay
    expect(db.prepare("SELECT version FROM layers WHERE id = 'rooms'").pluck().get()).toBe(layerVersion);
    expect(db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(PROPS.length);
    expect(db.prepare('SELECT count(*) FROM feature_photos').pluck().get()).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'features' AND type IN ('index', 'trigger') ORDER BY name").pluck().all())
      .toEqual(['features_delete_rtree', 'features_delete_version', 'features_insert_version', 'features_layer_id', 'features_update_version']);

    const features = createFeatureRepository(db);
    expect(features.get('rooms', 1)?.properties).toBe(PROPS[0]);
    expect(features.query({ layerId: 'rooms', equals: [{ property: 'open', value: true }], limit: 10, offset: 0 }).numberMatched).toBe(1);
    expect(features.query({ layerId: 'rooms', equals: [{ property: 'households', value: 120 }], bbox: [120, 30, 121, 31], limit: 10, offset: 0 }).rows.map((r) => r.id)).toEqual([1]);
    // the triggers came back with the table: a delete cascades to photos and the R*Tree and bumps the layer version
    expect(features.remove('rooms', 1)).toBe(true);
    expect(db.prepare('SELECT count(*) FROM feature_photos').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(PROPS.length - 1);
    expect(db.prepare("SELECT version FROM layers WHERE id = 'rooms'").pluck().get()).toBe(layerVersion + 1);
    db.close();
  });

  it('stores new properties as JSONB and refuses JSON text written past the repository', () => {
    const db = openDatabase(':memory:');
    db.prepare(`INSERT INTO layers (id, title_zh, title_en, layer_group, geometry_type, schema, created_at, updated_at)
      VALUES ('rooms', '房', 'Rooms', 'ecology', 'Point', '{}', ?, ?)`).run(NOW, NOW);
    const features = createFeatureRepository(db);
    const id = features.insert({ layerId: 'rooms', geometry: '{"type":"Point","coordinates":[120.15,30.24]}', properties: PROPS[1]!, bbox: [120.15, 30.24, 120.15, 30.24], datetimeStart: null, datetimeEnd: null }, NOW);
    expect(db.prepare('SELECT typeof(properties) FROM features WHERE id = ?').pluck().get(id)).toBe('blob');
    expect(features.get('rooms', id)?.properties).toBe(PROPS[1]);
    expect(() => db.prepare(`INSERT INTO features (layer_id, geometry, properties, created_at, updated_at)
      VALUES ('rooms', '{}', '{"a":1}', 'x', 'x')`).run()).toThrow(/CHECK constraint/);
  });

  it('rolls back whole and turns foreign keys back on when the rebuild fails', () => {
    const { file, db } = oldDatabase();
    db.close();
    const raw = new Database(file);
    raw.pragma('ignore_check_constraints = ON');
    raw.prepare("UPDATE features SET properties = '{not json' WHERE id = 2").run();
    raw.pragma('ignore_check_constraints = OFF');
    raw.pragma('foreign_keys = ON');
    expect(() => migrate(raw)).toThrow(/malformed JSON/);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    raw.close();
    const after = new Database(file);
    expect(schemaVersion(after)).toBe(JSONB.version - 1);
    expect(after.prepare('SELECT DISTINCT typeof(properties) FROM features').pluck().all()).toEqual(['text']);
    expect(after.prepare('SELECT count(*) FROM features').pluck().get()).toBe(PROPS.length);
    expect(after.prepare('SELECT count(*) FROM feature_photos').pluck().get()).toBe(1);
    after.close();
  });
});
