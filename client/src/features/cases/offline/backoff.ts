/** Options of `retryDelay`. */
export interface BackoffOptions {
  /** Delay before the first retry, ms. */
  base?: number;
  /** Longest delay, ms. */
  max?: number;
  /** 0–1; Math.random by default (tests pass a constant). */
  random?: () => number;
}

/**
 * Milliseconds to wait before retry number `attempt` (1, 2, …): doubling from `base` up to
 * `max`, with ±20 % jitter so that many phones coming back online do not retry in step.
 */
export function retryDelay(attempt: number, { base = 2_000, max = 60_000, random = Math.random }: BackoffOptions = {}): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 20));
  const delay = Math.min(max, base * 2 ** exponent);
  return Math.round(delay * (0.8 + 0.4 * random()));
}
