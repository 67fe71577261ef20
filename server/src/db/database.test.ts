import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MMAP_BYTES, openDatabase, schemaVersion } from './database';
import { MIGRATIONS } from './migrations';

describe('openDatabase', () => {
  it('applies every migration and records the schema version', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['layers', 'features', 'features_rtree', 'indicators']));
  });

  it('is a no-op when run again', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
  });

  it('reads a database file through a memory map', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-db-'));
    try {
      const db = openDatabase(path.join(dir, 'x.sqlite'));
      expect(db.pragma('mmap_size', { simple: true })).toBe(MMAP_BYTES);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('syncs every commit to disk (synchronous = FULL), so an acknowledged write survives a power cut', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-db-'));
    try {
      const db = openDatabase(path.join(dir, 'x.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare(`INSERT INTO features (layer_id, geometry, properties, created_at, updated_at)
      VALUES ('nope', '{}', jsonb('{}'), 'x', 'x')`).run()).toThrow(/FOREIGN KEY/);
  });

  it('rolls a failing migration back whole', () => {
    const db = openDatabase(':memory:');
    const next = MIGRATIONS.at(-1)!.version + 1;
    expect(() => migrate(db, [...MIGRATIONS, { version: next, name: 'broken', sql: 'CREATE TABLE t1 (a); CREATE TABLE oops (', postgres: '' }])).toThrow();
    expect(schemaVersion(db)).toBe(next - 1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't1'").pluck().get()).toBe(0);
  });

  it('applies a step added below the newest one applied (a database that got 14 before 12 existed)', () => {
    const db = openDatabase(':memory:');
    const top = MIGRATIONS.at(-1)!.version;
    const steps = [
      { version: top + 1, name: 'one', sql: 'CREATE TABLE m_one (a)', postgres: '' },
      { version: top + 3, name: 'three', sql: 'CREATE TABLE m_three (a)', postgres: '' },
    ];
    expect(migrate(db, [...MIGRATIONS, ...steps])).toBe(top + 3);
    // a later tree adds step two between them: it runs, the others do not run again
    const later = [...MIGRATIONS, steps[0]!, { version: top + 2, name: 'two', sql: 'CREATE TABLE m_two (a)', postgres: '' }, steps[1]!];
    expect(migrate(db, later)).toBe(top + 3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'm\\_%' ESCAPE '\\' ORDER BY name").pluck().all()).toEqual(['m_one', 'm_three', 'm_two']);
    expect(db.prepare('SELECT version FROM schema_migrations WHERE version > ? ORDER BY version').pluck().all(top)).toEqual([top + 1, top + 2, top + 3]);
  });
});
