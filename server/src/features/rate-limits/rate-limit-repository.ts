import type { Db } from '../../db/database';
import type { CounterStore } from './counter-store';

/**
 * SQL access to `rate_limits` (migration 16): counts shared by every process on one database. The statements
 * are the same on SQLite and PostgreSQL; each is one atomic statement, so no transaction is needed.
 */
export function createRateLimitRepository(db: Db): CounterStore {
  const hit = db.prepare<[string, string, string], number>(`INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
    ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`).pluck();
  const count = db.prepare<[string, string, string], number>('SELECT count FROM rate_limits WHERE bucket = ? AND key = ? AND window_start = ?').pluck();
  const undo = db.prepare('UPDATE rate_limits SET count = count - 1 WHERE bucket = ? AND key = ? AND window_start = ? AND count > 0');
  const prune = db.prepare('DELETE FROM rate_limits WHERE bucket = ? AND window_start < ?');
  return {
    hit: (bucket, key, windowStart) => hit.get(bucket, key, windowStart)!,
    count: (bucket, key, windowStart) => count.get(bucket, key, windowStart) ?? 0,
    undo: (bucket, key, windowStart) => void undo.run(bucket, key, windowStart),
    prune: (bucket, before) => prune.run(bucket, before).changes,
  };
}
