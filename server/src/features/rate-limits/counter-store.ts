/** Where a window limiter keeps its counts: one number per bucket, key and window start. */
export interface CounterStore {
  /** Adds one to a window's count and returns the new count. */
  hit(bucket: string, key: string, windowStart: string): number;
  /** A window's count (0 when it has none). */
  count(bucket: string, key: string, windowStart: string): number;
  /** Takes one back from a window's count (a refused call that should not count). */
  undo(bucket: string, key: string, windowStart: string): void;
  /** Forgets a bucket's windows that started before an instant; returns how many. */
  prune(bucket: string, before: string): number;
}

/** Most windows the memory store keeps before it forgets them all (a flood of distinct keys). */
export const MEMORY_WINDOWS_MAX = 100_000;

/** Counts in this process's memory: right for one process (SQLite), lost on restart. */
export function createMemoryCounterStore(): CounterStore {
  const counts = new Map<string, number>();
  const id = (bucket: string, key: string, windowStart: string) => `${bucket}\u0000${windowStart}\u0000${key}`;
  return {
    hit(bucket, key, windowStart) {
      if (counts.size >= MEMORY_WINDOWS_MAX) counts.clear();
      const n = (counts.get(id(bucket, key, windowStart)) ?? 0) + 1;
      counts.set(id(bucket, key, windowStart), n);
      return n;
    },
    count: (bucket, key, windowStart) => counts.get(id(bucket, key, windowStart)) ?? 0,
    undo(bucket, key, windowStart) {
      const n = counts.get(id(bucket, key, windowStart));
      if (n !== undefined) counts.set(id(bucket, key, windowStart), Math.max(0, n - 1));
    },
    prune(bucket, before) {
      let removed = 0;
      const prefix = `${bucket}\u0000`;
      for (const k of counts.keys()) {
        if (k.startsWith(prefix) && k.slice(prefix.length, k.indexOf('\u0000', prefix.length)) < before) {
          counts.delete(k);
          removed++;
        }
      }
      return removed;
    },
  };
}
