import { HttpError } from '../../errors';
import type { LoginFailureRepository } from './login-failure-repository';
import { Throttle, type AttemptCounter } from './throttle';

/** How sign-in attempts are slowed down. */
export interface LoginGuardSettings {
  /** Login attempts per client address per minute (then 429). */
  attemptsPerMinute: number;
  /** Wrong passwords for one name from one address before each further try has to wait. */
  freeFailures: number;
  /** The longest wait in seconds; the waits double from 1 s. */
  maxDelaySeconds: number;
  /** How long the failures of a name and address are remembered after the last one, in hours. */
  failureMemoryHours: number;
}

/** An attempt let through: pass it back to `failed` or `succeeded` once the password is checked. */
export interface Attempt {
  username: string;
  ip: string;
  /** The failures of this name and address, this attempt counted as one until it succeeds. */
  failures: number;
}

const PRUNE_EVERY_MS = 60_000;

/** 429 with the seconds to wait (the router turns them into Retry-After). */
export const tooManyAttempts = (seconds: number) =>
  new HttpError(429, 'too_many_attempts', `too many login attempts; try again in ${seconds} s`, { retryAfter: seconds });

/**
 * Slows down password guessing without letting anyone lock an account for
 * everyone: a per-address cap on attempts a minute (`attempts`: this process's
 * memory by default, or a count shared by every process), and failures counted per
 * (name tried, client address) in the database. Past `freeFailures` that pair
 * waits 1, 2, 4, … s up to `maxDelaySeconds` before its next try; a right
 * password clears it. Unknown names are counted like accounts, so both answer
 * alike. An attempt counts as a failure before its password is checked, so
 * parallel guesses cannot share one stale count.
 */
export function createLoginGuard(failures: LoginFailureRepository, settings: LoginGuardSettings, attempts?: AttemptCounter) {
  const throttle = attempts ?? new Throttle(settings.attemptsPerMinute, 60_000);
  let prunedAt = 0;

  const waitAfter = (n: number) => (n < settings.freeFailures ? 0 : Math.min(2 ** (n - settings.freeFailures), settings.maxDelaySeconds));
  const secondsUntil = (iso: string, now: Date) => Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

  function prune(now: Date): void {
    if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    failures.prune(new Date(now.getTime() - settings.failureMemoryHours * 3_600_000).toISOString());
  }

  return {
    /** Counts an attempt of a name from an address, or throws 429 when it has to wait. */
    begin(username: string, ip: string, now = new Date()): Attempt {
      const wait = throttle.hit(ip, now.getTime());
      if (wait > 0) throw tooManyAttempts(wait);
      prune(now);
      const forgetBefore = new Date(now.getTime() - settings.failureMemoryHours * 3_600_000).toISOString();
      const at = now.toISOString();
      return failures.atomically(() => {
        const row = failures.get(username, ip);
        const known = row && row.lastAt >= forgetBefore ? row : undefined;
        if (known?.blockedUntil && known.blockedUntil > at) throw tooManyAttempts(secondsUntil(known.blockedUntil, now));
        const n = (known?.failures ?? 0) + 1;
        const wait = waitAfter(n);
        failures.put(username, ip, { failures: n, lastAt: at, blockedUntil: wait ? new Date(now.getTime() + wait * 1000).toISOString() : null });
        return { username, ip, failures: n };
      });
    },
    /** A wrong password: the pair's wait (if any) runs from now. */
    failed(a: Attempt, now = new Date()): void {
      const wait = waitAfter(a.failures);
      if (wait) failures.blockUntil(a.username, a.ip, new Date(now.getTime() + wait * 1000).toISOString());
    },
    /** The right password: the pair's failures are forgotten. */
    succeeded(a: Attempt): void {
      failures.clear(a.username, a.ip);
    },
    /** Forgets a name's failures from every address (an admin's unlock); returns how many addresses had some. */
    unlock: (username: string): number => failures.clearName(username),
  };
}
