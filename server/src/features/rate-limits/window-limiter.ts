import { isPostgres, type Db } from '../../db/database';
import { createMemoryCounterStore, type CounterStore } from './counter-store';
import { createRateLimitRepository } from './rate-limit-repository';

/** What a limiter says about one call. */
export interface LimitDecision {
  allowed: boolean;
  /** Seconds until a call of this key would be allowed (0 when this one was). */
  retryAfterS: number;
}

/** Options of {@link createWindowLimiter}. */
export interface WindowLimiterOptions {
  /** The database whose `rate_limits` table holds the counts (needed unless `store` is 'memory' or a store). */
  db?: Db;
  /** The name of this limiter's counts (e.g. 'open311', 'login'). */
  bucket: string;
  /** Calls allowed per key in any window-long span. */
  limit: number;
  windowMs: number;
  clock?: () => number;
  /**
   * Where the counts live: 'table' in the database (shared by every process), 'memory' in this process,
   * 'auto' (default) the table on PostgreSQL and memory on SQLite (one process, no write per call).
   */
  store?: 'auto' | 'memory' | 'table' | CounterStore;
}

function storeOf(o: WindowLimiterOptions): CounterStore {
  const choice = o.store ?? 'auto';
  if (typeof choice === 'object') return choice;
  const table = choice === 'table' || (choice === 'auto' && o.db !== undefined && isPostgres(o.db));
  if (!table) return createMemoryCounterStore();
  if (!o.db) throw new Error(`the ${o.bucket} rate limiter needs a database for its table store`);
  return createRateLimitRepository(o.db);
}

/**
 * A sliding-window limiter over fixed windows: a call is allowed when this window's count plus the previous
 * window's, weighted by the part of it still inside the last `windowMs`, stays within `limit`. A burst at the
 * end of one window therefore still counts at the start of the next. Refused calls are not counted, so a
 * client that waits the `retryAfterS` it was told gets in. With the table store every process shares the
 * counts; the process that first sees a new window deletes the windows before the previous one.
 */
export function createWindowLimiter(o: WindowLimiterOptions) {
  const { bucket, limit, windowMs } = o;
  const clock = o.clock ?? Date.now;
  const store = storeOf(o);
  let prunedIndex = -1;

  function windowAt(now: number) {
    const index = Math.floor(now / windowMs);
    const start = index * windowMs;
    return { index, current: new Date(start).toISOString(), previous: new Date(start - windowMs).toISOString(), elapsed: now - start };
  }

  /** Whether `current` calls in this window and `previous` in the last fit, `elapsed` ms into this window (integer arithmetic). */
  const fits = (current: number, previous: number, elapsed: number) => current * windowMs + previous * (windowMs - elapsed) <= limit * windowMs;

  /** Milliseconds until one more call fits, given the counted calls. */
  function waitMs(current: number, previous: number, elapsed: number): number {
    if (current + 1 <= limit) return Math.max(0, windowMs - Math.floor(((limit - current - 1) * windowMs) / previous) - elapsed);
    // not in this window: in the next one this window's calls are the previous ones
    return windowMs - elapsed + Math.max(0, windowMs - Math.floor(((limit - 1) * windowMs) / current));
  }

  const refusal = (current: number, previous: number, elapsed: number): LimitDecision =>
    ({ allowed: false, retryAfterS: Math.max(1, Math.ceil(waitMs(current, previous, elapsed) / 1000)) });

  return {
    /** Counts a call of a key when it is allowed; says whether it is and, when not, when to come back. */
    take(key: string): LimitDecision {
      const w = windowAt(clock());
      if (w.index !== prunedIndex) {
        prunedIndex = w.index;
        store.prune(bucket, w.previous);
      }
      const current = store.hit(bucket, key, w.current);
      const previous = store.count(bucket, key, w.previous);
      if (fits(current, previous, w.elapsed)) return { allowed: true, retryAfterS: 0 };
      store.undo(bucket, key, w.current);
      return refusal(current - 1, previous, w.elapsed);
    },
    /** Whether a call of a key would be allowed now, without counting it. */
    peek(key: string): LimitDecision {
      const w = windowAt(clock());
      const current = store.count(bucket, key, w.current);
      const previous = store.count(bucket, key, w.previous);
      return fits(current + 1, previous, w.elapsed) ? { allowed: true, retryAfterS: 0 } : refusal(current, previous, w.elapsed);
    },
  };
}

/** A window limiter's interface. */
export type WindowLimiter = ReturnType<typeof createWindowLimiter>;
