import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../tests/helpers/test-db';
import { openDatabase, type Db } from './database';
import { resetIdentities } from './identities';
import { MIGRATIONS } from './migrations';
import { PgDatabase } from './postgres';

const run = promisify(execFile);
const MIGRATE_ENTRY = fileURLToPath(new URL('./testing/migrate-entry.ts', import.meta.url));

/** Tables only one engine has: SQLite's R*Tree (and its shadow tables) and sequence table, PostGIS's catalogue, the PostgreSQL outbox. */
const SQLITE_ONLY_TABLES = ['features_rtree', 'features_rtree_node', 'features_rtree_parent', 'features_rtree_rowid', 'sqlite_sequence'];
const POSTGRES_ONLY_TABLES = ['spatial_ref_sys', 'events'];
/** Columns only PostgreSQL has: the PostGIS reading of features.geometry. */
const POSTGRES_ONLY_COLUMNS = ['features.geom'];

/** Runs `migrate` in a process of its own (openDatabase migrates), printing the schema version it ends at. */
async function migrateInAnotherProcess(url: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', MIGRATE_ENTRY, url], { timeout: 120_000 });
  return stdout.trim();
}

function sqliteColumns(): string[] {
  const db = openDatabase(':memory:');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const columns = tables.filter((t) => !SQLITE_ONLY_TABLES.includes(t))
    .flatMap((t) => (db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => `${t}.${c.name}`));
  db.close();
  return columns.sort();
}

function postgresColumns(db: Db): string[] {
  const rows = db.prepare(`SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1`).pluck().all() as string[];
  return rows.filter((c) => !POSTGRES_ONLY_TABLES.includes(c.split('.')[0]!) && !POSTGRES_ONLY_COLUMNS.includes(c)).sort();
}

describe('migrations on PostgreSQL', () => {
  // as README "Running on PostgreSQL" sets it up: the console's own user owns the database, a superuser created PostGIS
  const role = `qingbo_app_${process.pid}`;
  const name = `migrate_once_${process.pid}`;
  const bare = `no_postgis_${process.pid}`;
  let admin: PgDatabase;
  const urlOf = (database: string, user: string) => {
    const u = new URL(process.env.QINGBO_TEST_PG_URL!);
    u.username = user;
    u.pathname = `/${database}`;
    return u.toString();
  };

  beforeAll(() => {
    admin = new PgDatabase(process.env.QINGBO_TEST_PG_URL!);
    admin.exec(`CREATE ROLE ${role} LOGIN`);
    admin.exec(`CREATE DATABASE ${name} OWNER ${role}`);
    admin.exec(`CREATE DATABASE ${bare} OWNER ${role}`);
    const superuser = new PgDatabase(urlOf(name, new URL(process.env.QINGBO_TEST_PG_URL!).username));
    superuser.exec('CREATE EXTENSION postgis');
    superuser.close();
  });

  afterAll(() => {
    admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    admin.exec(`DROP DATABASE IF EXISTS ${bare} WITH (FORCE)`);
    admin.exec(`DROP ROLE IF EXISTS ${role}`);
    admin.close();
  });

  it('stops start-up naming the fix when PostGIS is not created and the user may not create it', () => {
    expect(() => openDatabase(urlOf(bare, role))).toThrow(/migration 1 .*permission denied.*superuser run CREATE EXTENSION postgis/);
  });

  it('migrates an empty database once when two processes start on it at once, to the tables and columns SQLite has', async () => {
    const url = urlOf(name, role);
    const last = String(MIGRATIONS.at(-1)!.version);
    await expect(Promise.all([migrateInAnotherProcess(url), migrateInAnotherProcess(url)])).resolves.toEqual([last, last]);

    const db = openDatabase(url);
    try {
      const recorded = db.prepare('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version').all() as { version: number; n: number }[];
      expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
      expect(postgresColumns(db)).toEqual(sqliteColumns());
      expect(db.prepare("SELECT count(*) FROM pg_indexes WHERE tablename = 'features' AND indexdef LIKE '%USING gist (geom)%'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('PostgreSQL triggers and identities', () => {
  let db: Db;
  const insertFeature = (n: number): number => db.prepare(`INSERT INTO features (layer_id, geometry, properties, created_at, updated_at)
    VALUES ('parks', ?, '{}', ?, ?) RETURNING id`).pluck().get(JSON.stringify({ type: 'Point', coordinates: [120.15 + n / 1000, 30.25] }), `2026-01-0${n}T00:00:00Z`, `2026-01-0${n}T00:00:00Z`) as number;
  const layer = () => db.prepare("SELECT version, updated_at FROM layers WHERE id = 'parks'").get();
  const changes = () => db.prepare("SELECT version, feature_id FROM feature_changes WHERE layer_id = 'parks' ORDER BY version").all();

  beforeAll(() => {
    db = openTestDatabase();
    db.prepare(`INSERT INTO layers (id, title_zh, title_en, layer_group, geometry_type, schema, created_at, updated_at)
      VALUES ('parks', '公园', 'Parks', 'facilities', 'Point', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`).run();
  });

  afterAll(() => db.close());

  it('bumps the layer version and logs the changed feature on every insert, update and delete', () => {
    const a = insertFeature(1);
    const b = insertFeature(2);
    db.prepare('UPDATE features SET version = version + 1, updated_at = ? WHERE id = ?').run('2026-01-03T00:00:00Z', a);
    db.prepare('DELETE FROM features WHERE id = ?').run(b);
    expect(layer()).toEqual({ version: 5, updated_at: '2026-01-03T00:00:00Z' });
    expect(changes()).toEqual([{ version: 2, feature_id: a }, { version: 3, feature_id: b }, { version: 4, feature_id: a }, { version: 5, feature_id: b }]);
    expect(db.prepare('SELECT ST_SRID(geom) FROM features WHERE id = ?').pluck().get(a)).toBe(4326);
  });

  it('prunes the change log to the last 4096 versions at every 256th version, and forgets a deleted layer\'s log', () => {
    db.prepare("UPDATE layers SET version = 8190 WHERE id = 'parks'").run();
    db.prepare("INSERT INTO feature_changes (layer_id, version, feature_id) VALUES ('parks', 4000, 1), ('parks', 5000, 1)").run();
    insertFeature(4);
    expect(changes()).toHaveLength(7);
    insertFeature(5);
    // version 8192: 8192 - 4096 and below go, 5000 and the two new ones stay
    expect((changes() as { version: number }[]).map((c) => c.version)).toEqual([5000, 8191, 8192]);
    db.prepare("DELETE FROM layers WHERE id = 'parks'").run();
    expect(db.prepare('SELECT count(*) FROM feature_changes').pluck().get()).toBe(0);
  });

  it('keeps case events append-only', () => {
    db.prepare(`INSERT INTO case_categories (code, family, major_code, major_zh, major_en, name_zh, name_en, time_limit_value, time_limit_unit, department, updated_at)
      VALUES ('E01-01', 'event', 'E01', '市容', 'Cityscape', '暴露垃圾', 'Exposed rubbish', 2, 'wh', 'sanitation', 't')`).run();
    const caseId = db.prepare(`INSERT INTO cases (number, category_code, description, lon, lat, state, reported_at, channel, updated_at)
      VALUES ('2026010100001', 'E01-01', 'rubbish', 120.15, 30.25, 'reported', 't', 'inspector', 't') RETURNING id`).pluck().get() as number;
    db.prepare("INSERT INTO case_events (case_id, at, action, to_state) VALUES (?, 't', 'report', 'reported')").run(caseId);
    expect(() => db.prepare("UPDATE case_events SET note = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
  });

  it('moves identity sequences past explicit ids and past the floors given', () => {
    const addUser = (id: number | null, username: string) => db.prepare(`INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
      VALUES (coalesce(?, nextval(pg_get_serial_sequence('users', 'id'))), ?, 'x', 'admin', 'h', 't', 't') RETURNING id`).pluck().get(id, username);
    addUser(41, 'copied');
    const moved = resetIdentities(db, { cases: 900 });
    expect(moved.find((r) => r.table === 'users')).toEqual({ table: 'users', column: 'id', next: 42 });
    expect(moved.find((r) => r.table === 'cases')).toEqual({ table: 'cases', column: 'id', next: 901 });
    expect(addUser(null, 'fresh')).toBe(42);
    // usernames compare without case, like SQLite's COLLATE NOCASE
    expect(db.prepare('SELECT id FROM users WHERE username = ?').pluck().get('COPIED')).toBe(41);
  });
});
