import type { Db } from '../../db/database';

/** A live session joined with its user's public fields. */
export interface SessionRow {
  user_id: number;
  expires_at: string;
  username: string;
  display_name: string;
  role: string;
  department: string | null;
  disabled: number;
}

/** SQL access to `sessions` (ids are SHA-256 hashes of the cookie tokens). */
export function createSessionRepository(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)');
  const find = db.prepare<[string, string], SessionRow>(`
    SELECT s.user_id, s.expires_at, u.username, u.display_name, u.role, u.department, u.disabled
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?`);
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const removeUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    /** Stores a session. */
    insert: (id: string, userId: number, now: string, expiresAt: string, ip: string | null, userAgent: string | null): void => {
      insert.run(id, userId, now, expiresAt, ip, userAgent);
    },
    /** An unexpired session with its user, or undefined. */
    find: (id: string, now: string): SessionRow | undefined => find.get(id, now),
    /** Ends a session. */
    remove: (id: string): void => {
      remove.run(id);
    },
    /** Ends every session of a user. */
    removeForUser: (userId: number): void => {
      removeUser.run(userId);
    },
    /** Deletes expired sessions; returns how many. */
    purgeExpired: (now: string): number => purge.run(now).changes,
  };
}

/** The session repository's interface. */
export type SessionRepository = ReturnType<typeof createSessionRepository>;
