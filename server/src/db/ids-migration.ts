import type { Db } from './database';

/** Tables whose ids are public (links, API paths, audit rows) and must never be given out twice. */
export const NEVER_REUSED_ID_TABLES = ['features', 'feature_photos', 'cases'] as const;

/**
 * The tables of `NEVER_REUSED_ID_TABLES` as they stood at schema version 10, with `AUTOINCREMENT`:
 * SQLite then never hands out an id again, not even the largest one after it was deleted.
 */
const REBUILT: Record<(typeof NEVER_REUSED_ID_TABLES)[number], string> = {
  features: `
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    layer_id TEXT NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    geometry TEXT NOT NULL CHECK (json_valid(geometry)),
    -- JSONB: write with jsonb(?), read with json(properties)
    properties BLOB NOT NULL CHECK (json_valid(properties, 8)),
    datetime_start TEXT,
    datetime_end TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1`,
  feature_photos: `
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    layer_id TEXT NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
    feature_id INTEGER NOT NULL REFERENCES features(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('before', 'after')),
    mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    -- server-made file names (never the client's), relative to the feature's upload folder
    file_name TEXT NOT NULL CHECK (file_name GLOB '[a-z0-9]*' AND file_name NOT GLOB '*[^a-z0-9.-]*'),
    thumb_name TEXT NOT NULL CHECK (thumb_name GLOB '[a-z0-9]*' AND thumb_name NOT GLOB '*[^a-z0-9.-]*'),
    taken_at TEXT,
    caption TEXT NOT NULL DEFAULT '' CHECK (length(caption) <= 200),
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL`,
  cases: `
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    category_code TEXT NOT NULL REFERENCES case_categories(code),
    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    address TEXT,
    community_code TEXT,
    community_name TEXT,
    grid_code TEXT,
    state TEXT NOT NULL CHECK (state IN ('reported', 'registered', 'rejected', 'dispatched', 'handling', 'feedback', 'closed', 'void')),
    department TEXT,
    reported_at TEXT NOT NULL,
    registered_at TEXT,
    dispatched_at TEXT,
    accepted_at TEXT,
    feedback_at TEXT,
    closed_at TEXT,
    deadline TEXT,
    postponed INTEGER NOT NULL DEFAULT 0,
    rework_count INTEGER NOT NULL DEFAULT 0,
    reporter_id INTEGER REFERENCES users(id),
    channel TEXT NOT NULL CHECK (channel IN ('inspector', 'open311', 'hotline')),
    reporter_contact TEXT CHECK (reporter_contact IS NULL OR json_valid(reporter_contact)),
    idempotency_key TEXT UNIQUE,
    duplicate_of INTEGER REFERENCES cases(id),
    demo INTEGER NOT NULL DEFAULT 0,
    feature_id INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL`,
};

/**
 * The largest id each table has ever given out, as far as the database remembers it: its rows, and the
 * ids other rows still name (the layers' change log, case events and photos, audit rows of features and
 * their photos). The sequence starts there, so an id an old link or audit row names is never given again.
 */
const HIGH_WATER: Record<(typeof NEVER_REUSED_ID_TABLES)[number], string> = {
  features: `SELECT max(
    (SELECT coalesce(max(id), 0) FROM features),
    (SELECT coalesce(max(feature_id), 0) FROM feature_changes),
    (SELECT coalesce(max(feature_id), 0) FROM feature_photos),
    (SELECT coalesce(max(CAST(entity_id AS INTEGER)), 0) FROM audit_log WHERE entity LIKE 'feature:%' AND entity_id GLOB '[0-9]*'))`,
  feature_photos: `SELECT max(
    (SELECT coalesce(max(id), 0) FROM feature_photos),
    (SELECT coalesce(max(CAST(json_extract(summary, '$.photo') AS INTEGER)), 0) FROM audit_log WHERE entity LIKE 'feature:%'),
    (SELECT coalesce(max(CAST(p.value AS INTEGER)), 0) FROM audit_log, json_each(audit_log.summary, '$.photos') AS p
      WHERE audit_log.entity LIKE 'feature:%' AND json_type(audit_log.summary, '$.photos') = 'array'))`,
  cases: `SELECT max(
    (SELECT coalesce(max(id), 0) FROM cases),
    (SELECT coalesce(max(case_id), 0) FROM case_events),
    (SELECT coalesce(max(case_id), 0) FROM case_photos))`,
};

/**
 * Migration 11's SQL: each table rebuilt with `AUTOINCREMENT` (rows copied with their ids; foreign keys
 * are off while it runs, so the R*Tree, photos, events and audit rows keep pointing at the same rows)
 * and its sequence started at the table's high-water mark.
 */
export function neverReusedIdsSql(): string {
  return NEVER_REUSED_ID_TABLES.map((table) => `
    CREATE TABLE ${table}_v11 (${REBUILT[table]}
    );
    INSERT INTO ${table}_v11 SELECT * FROM ${table} ORDER BY id;
    DROP TABLE ${table};
    ALTER TABLE ${table}_v11 RENAME TO ${table};
    INSERT INTO sqlite_sequence (name, seq) SELECT '${table}', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${table}');
    UPDATE sqlite_sequence SET seq = max(seq, (${HIGH_WATER[table]})) WHERE name = '${table}';
  `).join('\n');
}

/**
 * The indexes and triggers of the rebuilt tables as the database holds them before the rebuild (the
 * migrations' own and those made at run time, e.g. the layers' property indexes), to be created again after it.
 */
export function neverReusedIdsAfter(db: Db): string {
  const names = NEVER_REUSED_ID_TABLES.map((t) => `'${t}'`).join(', ');
  const statements = db.prepare<[], string>(`SELECT sql FROM sqlite_master
    WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${names}) ORDER BY type, name`).pluck().all();
  return statements.map((s) => `${s};`).join('\n');
}
