/** Timing of the automatic tour. */
export interface TourTiming {
  /** Milliseconds between two stops while nobody interacts (≈ 20 s). */
  intervalMs: number;
  /** Milliseconds of idleness after an interaction before the tour resumes (≈ 1 min). */
  idleMs: number;
}

/** The tour's default timing. */
export const TOUR_TIMING: TourTiming = { intervalMs: 20_000, idleMs: 60_000 };

/** A tour over `stops` stops: ask it on every tick which stop to fly to, if any. */
export interface TourScheduler {
  /** The stop to show now (and the tour moves on), or null when it is not time yet or the tour is paused. */
  tick(now: number): number | null;
  /** Someone touched the screen: pause, and resume `idleMs` after the last interaction. */
  interact(now: number): void;
  /** Whether the tour is paused by a recent interaction. */
  paused(now: number): boolean;
  /** The stop last shown (-1 before the first). */
  readonly current: number;
}

/**
 * A clock-driven scheduler of the slow tour of highlights: it advances one stop every
 * `intervalMs`, pauses while someone interacts, and resumes `idleMs` after the last
 * interaction (the first stop then comes at once). Pure: the caller passes the time.
 */
export function createTourScheduler(stops: number, start: number, timing: TourTiming = TOUR_TIMING): TourScheduler {
  let current = -1;
  let nextAt = start + timing.intervalMs;
  let idleUntil = -Infinity;
  return {
    tick(now) {
      if (stops <= 0 || now < idleUntil || now < nextAt) return null;
      current = (current + 1) % stops;
      nextAt = now + timing.intervalMs;
      return current;
    },
    interact(now) {
      idleUntil = now + timing.idleMs;
      nextAt = idleUntil;
    },
    paused: (now) => now < idleUntil,
    get current() {
      return current;
    },
  };
}
