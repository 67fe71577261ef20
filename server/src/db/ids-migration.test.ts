import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from './database';
import { MIGRATIONS } from './migrations';

const IDS = MIGRATIONS.find((m) => m.version === 11)!;
const NOW = '2026-12-07T00:00:00.000Z';
const POINT = '{"type":"Point","coordinates":[120.15,30.24]}';
const SHA = '0'.repeat(64);

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const objects = (db: Db, table: string) =>
  db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') ORDER BY type, name").all(table);
const sequence = (db: Db, table: string) => db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table);

/**
 * A database at schema version 10 with the demo's kinds of rows: five features (the newest, id 5, deleted
 * afterwards, as the audit log and change log remember), a run-time property index, feature photos
 * (photo 3 deleted, named by an audit row), and two cases with events and a photo.
 */
function version10Database(): { file: string; db: Db } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-ids-'));
  const file = path.join(dir, 'v10.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version < IDS.version));
  db.prepare(`INSERT INTO layers (id, title_zh, title_en, layer_group, geometry_type, schema, created_at, updated_at)
    VALUES ('rooms', '垃圾房', 'Garbage rooms', 'ecology', 'Point', '{"type":"object","properties":{}}', ?, ?)`).run(NOW, NOW);
  db.exec(`CREATE INDEX features_eq_0123456789abcdef ON features (json_extract(properties, '$."state"'),
    json_extract(geometry, '$.coordinates[0]'), json_extract(geometry, '$.coordinates[1]')) WHERE layer_id = 'rooms'`);
  const feature = db.prepare("INSERT INTO features (layer_id, geometry, properties, created_at, updated_at) VALUES ('rooms', ?, jsonb(?), ?, ?)");
  const box = db.prepare("INSERT INTO features_rtree (id, min_x, max_x, min_y, max_y, layer_id, x, y) VALUES (?, 120.15, 120.15, 30.24, 30.24, 'rooms', 120.15, 30.24)");
  for (let i = 1; i <= 5; i += 1) box.run(feature.run(POINT, `{"name":"房${i}"}`, NOW, NOW).lastInsertRowid);
  db.prepare("INSERT INTO audit_log (at, action, entity, entity_id, summary) VALUES (?, 'delete', 'feature:rooms', '5', '{}')").run(NOW);
  db.prepare("DELETE FROM features WHERE id = 5").run();
  const photo = db.prepare(`INSERT INTO feature_photos (layer_id, feature_id, kind, mime, bytes, width, height, sha256, file_name, thumb_name, created_at)
    VALUES ('rooms', ?, 'before', 'image/jpeg', 10, 1, 1, ?, ?, ?, ?)`);
  for (let i = 1; i <= 3; i += 1) photo.run(i, SHA, `p${i}.jpg`, `p${i}-t.jpg`, NOW);
  db.prepare(`INSERT INTO audit_log (at, action, entity, entity_id, summary) VALUES (?, 'photo-delete', 'feature:rooms', '3', '{"kind":"before","photo":3}')`).run(NOW);
  db.prepare('DELETE FROM feature_photos WHERE id = 3').run();
  db.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('ins', '巡查员', 'inspector', 'x', ?, ?)`).run(NOW, NOW);
  db.prepare(`INSERT INTO case_categories (code, family, major_code, major_zh, major_en, name_zh, name_en, time_limit_value, time_limit_unit, department, updated_at)
    VALUES ('E01-01', 'event', 'E01', '市容', 'Streets', '暴露垃圾', 'Exposed rubbish', 2, 'wd', 'sanitation', ?)`).run(NOW);
  const kase = db.prepare(`INSERT INTO cases (number, category_code, description, lon, lat, state, reported_at, reporter_id, channel, updated_at)
    VALUES (?, 'E01-01', '垃圾', 120.15, 30.24, 'reported', ?, 1, 'inspector', ?)`);
  kase.run('QB2026-000001', NOW, NOW);
  kase.run('QB2026-000002', NOW, NOW);
  db.prepare("UPDATE cases SET duplicate_of = 1 WHERE id = 2").run();
  db.prepare("INSERT INTO case_events (case_id, at, user_id, action, to_state) VALUES (2, ?, 1, 'report', 'reported')").run(NOW);
  db.prepare(`INSERT INTO case_photos (case_id, kind, mime, bytes, width, height, sha256, file_name, thumb_name, created_at)
    VALUES (2, 'before', 'image/jpeg', 10, 1, 1, ?, 'c.jpg', 'c-t.jpg', ?)`).run(SHA, NOW);
  return { file, db };
}

describe('migration 11: ids are never reused', () => {
  it('rebuilds features, feature photos and cases with AUTOINCREMENT, keeping rows, indexes, triggers and children', () => {
    const { file, db: old } = version10Database();
    const rows = (db: Db) => ({
      features: db.prepare('SELECT id, layer_id, geometry, json(properties) AS p, created_at, version FROM features ORDER BY id').all(),
      photos: db.prepare('SELECT * FROM feature_photos ORDER BY id').all(),
      cases: db.prepare('SELECT * FROM cases ORDER BY id').all(),
    });
    const before = rows(old);
    const shape = { features: objects(old, 'features'), photos: objects(old, 'feature_photos'), cases: objects(old, 'cases') };
    const layerVersion = old.prepare("SELECT version FROM layers WHERE id = 'rooms'").pluck().get();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rows(db)).toEqual(before);
    // the run-time property index and the triggers came back with the tables
    expect({ features: objects(db, 'features'), photos: objects(db, 'feature_photos'), cases: objects(db, 'cases') }).toEqual(shape);
    expect(objects(db, 'features')).toContainEqual({ type: 'index', name: 'features_eq_0123456789abcdef' });
    expect(db.prepare("SELECT version FROM layers WHERE id = 'rooms'").pluck().get()).toBe(layerVersion);
    for (const table of ['features', 'feature_photos', 'cases']) {
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table)).toMatch(/AUTOINCREMENT/);
    }
    // sequences start at the largest id ever named: feature 5 and photo 3 were deleted before the migration
    expect(sequence(db, 'features')).toBe(5);
    expect(sequence(db, 'feature_photos')).toBe(3);
    expect(sequence(db, 'cases')).toBe(2);
    db.close();
  });

  it('never hands out a deleted id again, not even the newest one', () => {
    const { file, db: old } = version10Database();
    old.close();
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO features (layer_id, geometry, properties, created_at, updated_at) VALUES ('rooms', ?, jsonb('{}'), ?, ?)");
    // id 5 was deleted at version 10 and is named by an audit row: the next feature is 6, not 5
    const first = Number(insert.run(POINT, NOW, NOW).lastInsertRowid);
    expect(first).toBe(6);
    db.prepare('DELETE FROM features WHERE id = ?').run(first);
    expect(Number(insert.run(POINT, NOW, NOW).lastInsertRowid)).toBe(7);
    expect(db.prepare("SELECT count(*) FROM features WHERE id IN (5, 6)").pluck().get()).toBe(0);
    // the audit row of feature 5 still resolves to nothing
    const audited = db.prepare("SELECT entity_id FROM audit_log WHERE action = 'delete'").pluck().get() as string;
    expect(db.prepare('SELECT count(*) FROM features WHERE id = ?').pluck().get(Number(audited))).toBe(0);
    const photo = db.prepare(`INSERT INTO feature_photos (layer_id, feature_id, kind, mime, bytes, width, height, sha256, file_name, thumb_name, created_at)
      VALUES ('rooms', 1, 'after', 'image/jpeg', 10, 1, 1, ?, 'n.jpg', 'n-t.jpg', ?)`);
    expect(Number(photo.run(SHA, NOW).lastInsertRowid)).toBe(4);
    db.close();
  });

  it('gives a fresh database AUTOINCREMENT tables too', () => {
    const db = openDatabase(':memory:');
    for (const table of ['features', 'feature_photos', 'cases']) {
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table)).toMatch(/AUTOINCREMENT/);
    }
    db.close();
  });
});
