import type { Db } from './database';
import { neverReusedIdsAfter, neverReusedIdsSql } from './ids-migration';
import { POSTGRES_STEPS } from './migrations-pg';
import { EVENTS_OUTBOX_PG, EVENTS_OUTBOX_SQLITE } from './events-migration';

/** One numbered schema migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** SQL read from the database before `sql` runs and executed after it (e.g. the indexes a table rebuild drops). */
  sqlAfter?: (db: Db) => string;
  /** Runs with foreign-key enforcement off (a table rebuild); `foreign_key_check` must be clean before it commits. */
  foreignKeysOff?: boolean;
  /**
   * What the step does on PostgreSQL (see migrations-pg.ts for the conventions): SQL run through `exec`, or a
   * function of the database returning it. `''` when an earlier PostgreSQL step already made the final form
   * (a SQLite-only rebuild).
   */
  postgres: string | ((db: Db) => string);
}

/** Every migration in order; append only, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'layers, features, rtree, indicators',
    postgres: POSTGRES_STEPS.v1,
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
    postgres: POSTGRES_STEPS.v2,
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
  {
    version: 3,
    name: 'case categories, calendar, cases, case events',
    postgres: POSTGRES_STEPS.v3,
    sql: `
      CREATE TABLE case_categories (
        code TEXT PRIMARY KEY CHECK (code GLOB '[CE][0-9][0-9]-[0-9][0-9]'),
        family TEXT NOT NULL CHECK (family IN ('component', 'event')),
        major_code TEXT NOT NULL,
        major_zh TEXT NOT NULL,
        major_en TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        time_limit_value REAL NOT NULL CHECK (time_limit_value > 0),
        time_limit_unit TEXT NOT NULL CHECK (time_limit_unit IN ('wh', 'wd')),
        stages TEXT CHECK (stages IS NULL OR json_valid(stages)),
        department TEXT NOT NULL,
        duplicate_radius_m REAL NOT NULL DEFAULT 50 CHECK (duplicate_radius_m > 0),
        extension INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        demo INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE case_calendar (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        calendar TEXT NOT NULL CHECK (json_valid(calendar)),
        updated_at TEXT NOT NULL
      );

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
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
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cases_state ON cases (state, reported_at);
      CREATE INDEX cases_department_state ON cases (department, state);
      CREATE INDEX cases_category ON cases (category_code, state, reported_at);
      CREATE INDEX cases_community ON cases (community_code);
      CREATE INDEX cases_grid ON cases (grid_code);
      CREATE INDEX cases_reported_at ON cases (reported_at);
      CREATE INDEX cases_registered_at ON cases (registered_at);
      CREATE INDEX cases_open_deadline ON cases (deadline) WHERE state IN ('dispatched', 'handling');

      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT,
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
      );
      CREATE INDEX case_events_case ON case_events (case_id, id);

      CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN
        SELECT RAISE(ABORT, 'case_events is append-only');
      END;
      CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN
        SELECT RAISE(ABORT, 'case_events is append-only');
      END;
    `,
  },
  {
    version: 4,
    name: 'case photos, Open311 API keys',
    postgres: POSTGRES_STEPS.v4,
    sql: `
      CREATE TABLE case_photos (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('before', 'after')),
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        taken_at TEXT,
        lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
        lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        -- server-made file names (never the client's), relative to the case's upload folder
        file_name TEXT NOT NULL CHECK (file_name GLOB '[a-z0-9]*' AND file_name NOT GLOB '*[^a-z0-9.-]*'),
        thumb_name TEXT NOT NULL CHECK (thumb_name GLOB '[a-z0-9]*' AND thumb_name NOT GLOB '*[^a-z0-9.-]*'),
        user_id INTEGER REFERENCES users(id),
        demo INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX case_photos_case ON case_photos (case_id, kind, created_at);

      CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 2 AND 64),
        key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
        demo INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
    `,
  },
  {
    version: 5,
    name: 'feature photos (before/after photos of renovation features)',
    postgres: POSTGRES_STEPS.v5,
    sql: `
      CREATE TABLE feature_photos (
        id INTEGER PRIMARY KEY,
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
        created_at TEXT NOT NULL
      );
      CREATE INDEX feature_photos_feature ON feature_photos (feature_id, kind, id);
      CREATE INDEX feature_photos_layer ON feature_photos (layer_id);
    `,
  },
  {
    version: 6,
    name: 'case category versions (ETags for the admin catalogue editor)',
    postgres: POSTGRES_STEPS.v6,
    sql: `ALTER TABLE case_categories ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);`,
  },
  {
    version: 7,
    name: 'feature properties as SQLite JSONB (property filters read them without parsing text)',
    // SQLite cannot change a CHECK in place: rebuild the table (its triggers and index go with it, the R*Tree
    // and feature_photos keep their rows because foreign keys are off while it runs)
    postgres: POSTGRES_STEPS.v7,
    foreignKeysOff: true,
    sql: `
      CREATE TABLE features_jsonb (
        id INTEGER PRIMARY KEY,
        layer_id TEXT NOT NULL REFERENCES layers(id) ON DELETE CASCADE,
        geometry TEXT NOT NULL CHECK (json_valid(geometry)),
        -- JSONB: write with jsonb(?), read with json(properties)
        properties BLOB NOT NULL CHECK (json_valid(properties, 8)),
        datetime_start TEXT,
        datetime_end TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      INSERT INTO features_jsonb (id, layer_id, geometry, properties, datetime_start, datetime_end, created_at, updated_at, version)
        SELECT id, layer_id, geometry, jsonb(properties), datetime_start, datetime_end, created_at, updated_at, version FROM features ORDER BY id;
      DROP TABLE features;
      ALTER TABLE features_jsonb RENAME TO features;
      CREATE INDEX features_layer_id ON features (layer_id, id);

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
    `,
  },
  {
    version: 8,
    name: 'feature change log (which feature each layer version changed; tiles update their indexes from it)',
    postgres: POSTGRES_STEPS.v8,
    sql: `
      -- one row per layer version bumped by a feature write: the feature it inserted, updated or deleted.
      -- Versions bumped otherwise (a layer definition change) have no row, so a reader that finds every
      -- version of a range here knows the range changed only these features.
      CREATE TABLE feature_changes (
        layer_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        feature_id INTEGER NOT NULL,
        PRIMARY KEY (layer_id, version)
      ) WITHOUT ROWID;

      DROP TRIGGER features_insert_version;
      DROP TRIGGER features_update_version;
      DROP TRIGGER features_delete_version;
      CREATE TRIGGER features_insert_version AFTER INSERT ON features BEGIN
        UPDATE layers SET version = version + 1, updated_at = new.updated_at WHERE id = new.layer_id;
        INSERT OR REPLACE INTO feature_changes (layer_id, version, feature_id) SELECT id, version, new.id FROM layers WHERE id = new.layer_id;
      END;
      CREATE TRIGGER features_update_version AFTER UPDATE ON features BEGIN
        UPDATE layers SET version = version + 1, updated_at = new.updated_at WHERE id = new.layer_id;
        INSERT OR REPLACE INTO feature_changes (layer_id, version, feature_id) SELECT id, version, new.id FROM layers WHERE id = new.layer_id;
      END;
      CREATE TRIGGER features_delete_version AFTER DELETE ON features BEGIN
        UPDATE layers SET version = version + 1 WHERE id = old.layer_id;
        INSERT OR REPLACE INTO feature_changes (layer_id, version, feature_id) SELECT id, version, old.id FROM layers WHERE id = old.layer_id;
      END;
      -- keeps the last 4096 to 4351 versions of a layer, pruning every 256 (bulk loads stay cheap)
      CREATE TRIGGER feature_changes_prune AFTER INSERT ON feature_changes WHEN new.version % 256 = 0 BEGIN
        DELETE FROM feature_changes WHERE layer_id = new.layer_id AND version <= new.version - 4096;
      END;
      CREATE TRIGGER layers_delete_changes AFTER DELETE ON layers BEGIN
        DELETE FROM feature_changes WHERE layer_id = old.id;
      END;
    `,
  },
  {
    version: 9,
    name: 'failed sign-ins per (name tried, client address) instead of an account-wide lock',
    postgres: POSTGRES_STEPS.v9,
    sql: `
      -- one row per name tried (an account or not, so unknown names answer alike) and client address;
      -- failures past the free ones make that pair wait, doubling up to a cap. users.failed_logins and
      -- users.locked_until are no longer read or written: their last values are cleared here.
      CREATE TABLE login_failures (
        username TEXT NOT NULL COLLATE NOCASE,
        ip TEXT NOT NULL,
        failures INTEGER NOT NULL CHECK (failures >= 1),
        last_at TEXT NOT NULL,
        blocked_until TEXT,
        PRIMARY KEY (username, ip)
      ) WITHOUT ROWID;
      CREATE INDEX login_failures_last ON login_failures (last_at);
      UPDATE users SET failed_logins = 0, locked_until = NULL WHERE failed_logins <> 0 OR locked_until IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'personal access tokens (Bearer) for OGC writes and reads from tools',
    postgres: POSTGRES_STEPS.v10,
    sql: `
      -- a token is shown once; only its SHA-256 is kept (hash), with its first characters (prefix) to tell tokens apart
      CREATE TABLE access_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 64),
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX access_tokens_user ON access_tokens (user_id);
    `,
  },
  {
    version: 11,
    name: 'ids are never reused: features, feature photos and cases with AUTOINCREMENT, sequences from the largest id ever named',
    // a rebuild (SQLite cannot add AUTOINCREMENT in place); foreign keys off keeps the children's rows
    postgres: POSTGRES_STEPS.v11,
    foreignKeysOff: true,
    sql: neverReusedIdsSql(),
    sqlAfter: neverReusedIdsAfter,
  },
  {
    version: 12,
    name: 'notifications per user, outbound webhooks and their queued deliveries',
    postgres: POSTGRES_STEPS.v12,
    sql: `
      -- a user's in-app notifications (the newest NOTIFICATIONS_KEPT kept); dedupe_key makes a repeated event one row
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        case_id INTEGER NOT NULL,
        case_number TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        dedupe_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT,
        UNIQUE (user_id, dedupe_key)
      );
      CREATE INDEX notifications_user ON notifications (user_id, id);
      CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

      -- the deadline colour last notified per case (1 yellow, 2 red), for the deadline they were seen against
      CREATE TABLE notification_clocks (
        case_id INTEGER PRIMARY KEY,
        deadline TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level IN (1, 2))
      );

      -- outbound webhooks (admin-managed); the secret never leaves the server
      CREATE TABLE webhooks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        kind TEXT NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'feishu', 'generic')),
        url TEXT NOT NULL,
        secret TEXT,
        events TEXT NOT NULL CHECK (json_valid(events)),
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        last_status INTEGER,
        last_error TEXT,
        last_at TEXT
      );

      -- one queued message per webhook and event; sent by the in-process worker, retried with back-off
      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY,
        webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        case_number TEXT,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        dedupe_key TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at TEXT,
        last_status INTEGER,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (webhook_id, dedupe_key)
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE state = 'pending';
      CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
    `,
  },
  {
    version: 14,
    name: 'indicators keep the completion percentage a report states (attainment_pct)',
    postgres: POSTGRES_STEPS.v14,
    sql: `
      -- the report's own "完成年度计划 x%" figure; the screen shows it as stated instead of value ÷ plan
      ALTER TABLE indicators ADD COLUMN attainment_pct REAL;
    `,
  },
  {
    version: 15,
    name: 'live events outbox shared by every process (PostgreSQL; SQLite keeps them in memory)',
    postgres: EVENTS_OUTBOX_PG,
    sql: EVENTS_OUTBOX_SQLITE,
  },
  {
    version: 16,
    name: 'rate limit counts shared by every process (Open311 per api_key, login attempts)',
    // the same DDL on both engines; SQLite (one process) keeps its counts in memory by default
    postgres: POSTGRES_STEPS.v16,
    sql: `
      -- calls per bucket (open311, login…) and key in the window starting at window_start (ISO-8601)
      CREATE TABLE rate_limits (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        window_start TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (bucket, key, window_start)
      );
    `,
  },
];
