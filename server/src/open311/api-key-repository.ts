import type { Db } from '../db/database';

/** An Open311 API key as stored (the key itself only as its SHA-256). */
export interface ApiKeyRecord {
  id: number;
  name: string;
  demo: boolean;
  disabled: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

interface Row {
  id: number;
  name: string;
  demo: number;
  disabled: number;
  created_at: string;
  last_used_at: string | null;
}

const toRecord = (r: Row): ApiKeyRecord => ({ id: r.id, name: r.name, demo: r.demo === 1, disabled: r.disabled === 1, createdAt: r.created_at, lastUsedAt: r.last_used_at });

/** SQL access to `api_keys`. */
export function createApiKeyRepository(db: Db) {
  const insert = db.prepare<[string, string, number, string], number>('INSERT INTO api_keys (name, key_hash, demo, created_at) VALUES (?, ?, ?, ?) RETURNING id').pluck();
  const all = db.prepare<[], Row>('SELECT id, name, demo, disabled, created_at, last_used_at FROM api_keys ORDER BY id');
  // the column compares without case: COLLATE NOCASE on SQLite, citext on PostgreSQL
  const byName = db.prepare<[string], Row>('SELECT id, name, demo, disabled, created_at, last_used_at FROM api_keys WHERE name = ?');
  const byHash = db.prepare<[string], Row>('SELECT id, name, demo, disabled, created_at, last_used_at FROM api_keys WHERE key_hash = ?');
  const used = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  const setDisabled = db.prepare('UPDATE api_keys SET disabled = ? WHERE id = ?');
  const setDemoDisabled = db.prepare('UPDATE api_keys SET disabled = ? WHERE demo = 1');

  return {
    /** Stores a key's hash under a name; returns its id. */
    insert: (name: string, keyHash: string, demo: boolean, now: string): number => Number(insert.get(name, keyHash, demo ? 1 : 0, now)),
    /** Every key, oldest first. */
    list: (): ApiKeyRecord[] => all.all().map(toRecord),
    /** A key by name (case-insensitive), or undefined. */
    findByName(name: string): ApiKeyRecord | undefined {
      const row = byName.get(name);
      return row ? toRecord(row) : undefined;
    },
    /** A key by the hash of its secret, or undefined. */
    findByHash(hash: string): ApiKeyRecord | undefined {
      const row = byHash.get(hash);
      return row ? toRecord(row) : undefined;
    },
    /** Records a key's use. */
    touch: (id: number, now: string): void => void used.run(now, id),
    /** Switches one key off or on. */
    setDisabled: (id: number, disabled: boolean): void => void setDisabled.run(disabled ? 1 : 0, id),
    /** Switches every demo key off or on; returns how many. */
    setDemoDisabled: (disabled: boolean): number => setDemoDisabled.run(disabled ? 1 : 0).changes,
  };
}

/** The API key repository's interface. */
export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
