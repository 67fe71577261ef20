import type { Db } from '../../db/database';
import type { Role } from '@shared/auth';

/** A user row as stored. */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
  passwordHash: string;
  demo: boolean;
  disabled: boolean;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  department: string | null;
  password_hash: string;
  demo: number;
  disabled: number;
}

const toUser = (r: Row): UserRecord => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, department: r.department,
  passwordHash: r.password_hash, demo: r.demo === 1, disabled: r.disabled === 1,
});

/** A new user to store. */
export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  department?: string | null;
  passwordHash: string;
  demo?: boolean;
}

/**
 * SQL access to `users`. Names compare case-insensitively on both engines: SQLite's column is
 * `COLLATE NOCASE`, PostgreSQL's is `citext`.
 */
export function createUserRepository(db: Db) {
  const byName = db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM users WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM users ORDER BY role, username');
  const insert = db.prepare<[Record<string, unknown>], { id: number }>(`INSERT INTO users (username, display_name, role, department, password_hash, demo, created_at, updated_at)
    VALUES (@username, @displayName, @role, @department, @passwordHash, @demo, @now, @now) RETURNING id`);
  const setDisabled = db.prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?');
  const setDemoDisabled = db.prepare('UPDATE users SET disabled = ?, updated_at = ? WHERE demo = 1');
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?');

  return {
    /** A user by username (case-insensitive). */
    findByUsername: (username: string): UserRecord | undefined => {
      const row = byName.get(username);
      return row ? toUser(row) : undefined;
    },
    /** A user by id. */
    findById: (id: number): UserRecord | undefined => {
      const row = byId.get(id);
      return row ? toUser(row) : undefined;
    },
    /** Every user. */
    list: (): UserRecord[] => all.all().map(toUser),
    /** Stores a user and returns its id. */
    insert: (u: NewUser, now: string): number =>
      insert.get({ ...u, department: u.department ?? null, demo: u.demo ? 1 : 0, now })!.id,
    /** Enables or disables one account. */
    setDisabled: (id: number, disabled: boolean, now: string): void => {
      setDisabled.run(disabled ? 1 : 0, now, id);
    },
    /** Enables or disables every demo account; returns how many. */
    setDemoDisabled: (disabled: boolean, now: string): number => setDemoDisabled.run(disabled ? 1 : 0, now).changes,
    /** Replaces a password hash. */
    setPassword: (id: number, hash: string, now: string): void => {
      setPassword.run(hash, now, id);
    },
  };
}

/** The user repository's interface. */
export type UserRepository = ReturnType<typeof createUserRepository>;
