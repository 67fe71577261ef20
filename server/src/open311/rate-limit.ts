/**
 * A fixed one-minute window per key: `allow(key)` is true for the first
 * `perMinute` calls of each key in a window, then false until the window ends.
 */
export function createRateLimiter(perMinute: number, clock: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  const WINDOW_MS = 60_000;

  return {
    /** Counts a call; returns whether it is allowed and, when not, the seconds until it would be. */
    take(key: string): { allowed: boolean; retryAfterS: number } {
      const now = clock();
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        if (windows.size > 10_000) windows.clear();
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return { allowed: w.count <= perMinute, retryAfterS: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) };
    },
  };
}

/** The rate limiter's interface. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
