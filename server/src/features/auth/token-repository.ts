import type { Db } from '../../db/database';

/** A stored access token (never the token itself: its hash stays in the database). */
export interface TokenRecord {
  id: number;
  userId: number;
  username: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A live token with its user's public fields, as a Bearer request resolves it. */
export interface TokenUserRow {
  id: number;
  user_id: number;
  prefix: string;
  last_used_at: string | null;
  username: string;
  display_name: string;
  role: string;
  department: string | null;
}

interface Row {
  id: number;
  user_id: number;
  username: string;
  label: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toRecord = (r: Row): TokenRecord => ({
  id: r.id, userId: r.user_id, username: r.username, label: r.label, prefix: r.prefix,
  createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

const SELECT = 'SELECT t.id, t.user_id, u.username, t.label, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM access_tokens t JOIN users u ON u.id = t.user_id';

/** SQL access to `access_tokens`. */
export function createTokenRepository(db: Db) {
  const insert = db.prepare<[Record<string, unknown>], { id: number }>(`INSERT INTO access_tokens (user_id, label, hash, prefix, created_at, created_by, expires_at)
    VALUES (@userId, @label, @hash, @prefix, @now, @createdBy, @expiresAt) RETURNING id`);
  const live = db.prepare<[string, string], TokenUserRow>(`
    SELECT t.id, t.user_id, t.prefix, t.last_used_at, u.username, u.display_name, u.role, u.department
    FROM access_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.disabled = 0`);
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE t.id = ?`);
  const byUser = db.prepare<[number], Row>(`${SELECT} WHERE t.user_id = ? ORDER BY t.id DESC`);
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY t.id DESC LIMIT 1000`);
  const countLive = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM access_tokens WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)');
  const used = db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE id = ?');
  const revoke = db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');

  return {
    /** Stores a token's hash; returns its id. */
    insert: (t: { userId: number; label: string; hash: string; prefix: string; createdBy: number | null; expiresAt: string | null }, now: string): number =>
      insert.get({ ...t, now })!.id,
    /** The unrevoked, unexpired token of a hash whose account is enabled, with that account. */
    findLive: (hash: string, now: string): TokenUserRow | undefined => live.get(hash, now),
    /** One token by id. */
    get: (id: number): TokenRecord | undefined => {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    /** A user's tokens, newest first. */
    listForUser: (userId: number): TokenRecord[] => byUser.all(userId).map(toRecord),
    /** Every token (the newest 1,000), newest first. */
    listAll: (): TokenRecord[] => all.all().map(toRecord),
    /** How many usable tokens a user has. */
    countLive: (userId: number, now: string): number => countLive.get(userId, now)?.n ?? 0,
    /** Records a use. */
    touch: (id: number, now: string): void => {
      used.run(now, id);
    },
    /** Revokes a token; false when it was revoked already. */
    revoke: (id: number, now: string): boolean => revoke.run(now, id).changes === 1,
    /** Runs `fn` in one transaction. */
    atomically: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

/** The token repository's interface. */
export type TokenRepository = ReturnType<typeof createTokenRepository>;
