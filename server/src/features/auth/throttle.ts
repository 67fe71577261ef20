import type { LoginAttemptRepository } from './login-attempt-repository';

/** Counts attempts per key (e.g. per client address) over a sliding window. */
export interface AttemptCounter {
  /** Records an attempt; returns the seconds to wait when over the limit (the attempt is then not counted), else 0. */
  hit(key: string, now?: number): number;
}

/** A sliding-window counter of attempts per key, in this process's memory (one process: SQLite). */
export class Throttle implements AttemptCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Records an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return Math.ceil((this.windowMs - (now - recent[0]!)) / 1000);
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [k, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
  }
}

/**
 * The same sliding window counted in the database, so that every process sees every attempt (PostgreSQL
 * with several processes). Attempts are counted to the second: one that came in the window's first
 * second may be forgotten up to a second early. An attempt let through is checked again and counted in one transaction.
 */
export function createSharedThrottle(attempts: LoginAttemptRepository, max: number, windowMs: number): AttemptCounter {
  let prunedAt = 0;
  return {
    hit(key, now = Date.now()) {
      const since = new Date(now - windowMs).toISOString();
      if (now - prunedAt >= windowMs) {
        prunedAt = now;
        attempts.prune(since);
      }
      const wait = (): number => {
        const { attempts: n, oldest } = attempts.recent(key, since);
        return n >= max && oldest ? Math.max(1, Math.ceil((windowMs - (now - Date.parse(oldest))) / 1000)) : 0;
      };
      // a flood of refused attempts is answered from a plain read, without taking the write lock
      const refused = wait();
      if (refused > 0) return refused;
      return attempts.atomically(() => {
        const late = wait();
        if (late === 0) attempts.add(key, new Date(Math.floor(now / 1000) * 1000).toISOString());
        return late;
      });
    },
  };
}
