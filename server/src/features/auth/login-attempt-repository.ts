import type { Db } from '../../db/database';

/**
 * SQL access to the sign-in attempts counted per client address, shared by every process: rows of
 * `rate_limits` in the bucket `login`, one per address and second (`window_start` is the second's ISO instant).
 */
export function createLoginAttemptRepository(db: Db) {
  const recent = db.prepare<[string, string], { n: number; oldest: string | null }>(`SELECT coalesce(sum(count), 0) AS n, min(window_start) AS oldest
    FROM rate_limits WHERE bucket = 'login' AND key = ? AND window_start > ?`);
  const add = db.prepare(`INSERT INTO rate_limits (bucket, key, window_start, count) VALUES ('login', ?, ?, 1)
    ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = rate_limits.count + 1`);
  const prune = db.prepare(`DELETE FROM rate_limits WHERE bucket = 'login' AND window_start <= ?`);

  return {
    /** The attempts of an address in the seconds after `since`, and the first of those seconds (null when none). */
    recent(ip: string, since: string): { attempts: number; oldest: string | null } {
      const row = recent.get(ip, since);
      return { attempts: row?.n ?? 0, oldest: row?.oldest ?? null };
    },
    /** Counts one attempt of an address in the second starting at `second`. */
    add(ip: string, second: string): void {
      add.run(ip, second);
    },
    /** Deletes the counts of the seconds up to `before`; returns how many rows. */
    prune: (before: string): number => prune.run(before).changes,
    /** Runs `fn` in one transaction (a read and the write it decides, also across processes). */
    atomically: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}

/** The login attempt repository's interface. */
export type LoginAttemptRepository = ReturnType<typeof createLoginAttemptRepository>;
