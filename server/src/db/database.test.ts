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
    expect(() => migrate(db, [...MIGRATIONS, { version: next, name: 'broken', sql: 'CREATE TABLE t1 (a); CREATE TABLE oops (' }])).toThrow();
    expect(schemaVersion(db)).toBe(next - 1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't1'").pluck().get()).toBe(0);
  });
});
