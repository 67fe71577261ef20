import type { Db } from '../../db/database';

/** The failures of one name tried from one client address. */
export interface LoginFailures {
  failures: number;
  lastAt: string;
  blockedUntil: string | null;
}

interface Row {
  failures: number;
  last_at: string;
  blocked_until: string | null;
}

/**
 * SQL access to `login_failures`: failed sign-ins per (name tried, client address). Names compare
 * case-insensitively (SQLite's column is `COLLATE NOCASE`, PostgreSQL's `citext`).
 */
export function createLoginFailureRepository(db: Db) {
  const get = db.prepare<[string, string], Row>('SELECT failures, last_at, blocked_until FROM login_failures WHERE username = ? AND ip = ?');
  const upsert = db.prepare(`INSERT INTO login_failures (username, ip, failures, last_at, blocked_until) VALUES (@username, @ip, @failures, @at, @blockedUntil)
    ON CONFLICT (username, ip) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at, blocked_until = excluded.blocked_until`);
  const block = db.prepare(`UPDATE login_failures SET blocked_until = CASE WHEN blocked_until IS NULL OR blocked_until < @until THEN @until ELSE blocked_until END
    WHERE username = @username AND ip = @ip`);
  const clear = db.prepare('DELETE FROM login_failures WHERE username = ? AND ip = ?');
  const clearName = db.prepare('DELETE FROM login_failures WHERE username = ?');
  const prune = db.prepare('DELETE FROM login_failures WHERE last_at < ?');

  return {
    /** The failures of a name from an address, or undefined when there are none. */
    get(username: string, ip: string): LoginFailures | undefined {
      const row = get.get(username, ip);
      return row ? { failures: row.failures, lastAt: row.last_at, blockedUntil: row.blocked_until } : undefined;
    },
    /** Stores the failures of a name from an address. */
    put(username: string, ip: string, f: LoginFailures): void {
      upsert.run({ username, ip, failures: f.failures, at: f.lastAt, blockedUntil: f.blockedUntil });
    },
    /** Makes a name and address wait until an instant (a later wait already set stays). */
    blockUntil(username: string, ip: string, until: string): void {
      block.run({ username, ip, until });
    },
    /** Forgets the failures of a name from one address. */
    clear(username: string, ip: string): void {
      clear.run(username, ip);
    },
    /** Forgets the failures of a name from every address; returns how many addresses had some. */
    clearName: (username: string): number => clearName.run(username).changes,
    /** Deletes the rows whose last failure came before an instant; returns how many. */
    prune: (before: string): number => prune.run(before).changes,
    /** Runs `fn` in an immediate transaction: a read and the write it decides are one step, also across processes. */
    atomically: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}

/** The login failure repository's interface. */
export type LoginFailureRepository = ReturnType<typeof createLoginFailureRepository>;
