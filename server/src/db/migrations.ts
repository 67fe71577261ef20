/** One numbered schema migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration in order; append only, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'layers, features, rtree, indicators',
    sql: `
      CREATE TABLE layers (
        id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        description_zh TEXT NOT NULL DEFAULT '',
        description_en TEXT NOT NULL DEFAULT '',
        layer_group TEXT NOT NULL,
        geometry_type TEXT NOT NULL CHECK (geometry_type IN ('Point', 'LineString', 'Polygon')),
        schema TEXT NOT NULL CHECK (json_valid(schema)),
        style TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(style)),
        options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        attribution TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE features (
        id INTEGER PRIMARY KEY,
        layer_id TEXT NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        properties TEXT NOT NULL CHECK (json_valid(properties)),
        datetime_start TEXT,
        datetime_end TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX features_layer_id ON features (layer_id, id);

      -- bbox index; auxiliary columns keep the layer and the exact representative point
      -- (the point itself, or the bbox centre) so tiles can filter and aggregate without a join.
      CREATE VIRTUAL TABLE features_rtree USING rtree (id, min_x, max_x, min_y, max_y, +layer_id TEXT, +x REAL, +y REAL);

      CREATE TRIGGER features_delete_rtree AFTER DELETE ON features BEGIN
        DELETE FROM features_rtree WHERE id = old.id;
      END;
      CREATE TRIGGER features_insert_version AFTER INSERT ON features BEGIN
        UPDATE layers SET version = version + 1, updated_at = new.updated_at WHERE id = new.layer_id;
      END;
      CREATE TRIGGER features_update_version AFTER UPDATE ON features BEGIN
        UPDATE layers SET version = version + 1, updated_at = new.updated_at WHERE id = new.layer_id;
      END;
      CREATE TRIGGER features_delete_version AFTER DELETE ON features BEGIN
        UPDATE layers SET version = version + 1 WHERE id = old.layer_id;
      END;

      CREATE TABLE indicators (
        year INTEGER NOT NULL,
        key TEXT NOT NULL,
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        value REAL NOT NULL,
        plan REAL,
        growth_pct REAL,
        unit TEXT NOT NULL,
        indicator_group TEXT NOT NULL,
        PRIMARY KEY (year, key)
      );
    `,
  },
  {
    version: 2,
    name: 'users, sessions, audit log',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 64),
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'inspector', 'supervisor', 'dispatcher', 'handler', 'leader')),
        department TEXT,
        password_hash TEXT NOT NULL,
        demo INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ip TEXT,
        user_agent TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_expiry ON sessions (expires_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
    `,
  },
];
