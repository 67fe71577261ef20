import { describe, expect, it } from 'vitest';
import { createTourScheduler } from './tour';

const timing = { intervalMs: 20_000, idleMs: 60_000 };

/** The stops shown while ticking every second from `from` to `to` (ms). */
function run(tour: ReturnType<typeof createTourScheduler>, from: number, to: number): [number, number][] {
  const shown: [number, number][] = [];
  for (let t = from; t <= to; t += 1000) {
    const stop = tour.tick(t);
    if (stop !== null) shown.push([t, stop]);
  }
  return shown;
}

describe('the tour scheduler', () => {
  it('moves to the next stop every 20 s, wrapping around', () => {
    const tour = createTourScheduler(3, 0, timing);
    expect(run(tour, 0, 100_000)).toEqual([[20_000, 0], [40_000, 1], [60_000, 2], [80_000, 0], [100_000, 1]]);
    expect(tour.current).toBe(1);
  });

  it('pauses while someone interacts and resumes a minute after the last interaction', () => {
    const tour = createTourScheduler(4, 0, timing);
    expect(run(tour, 0, 20_000)).toEqual([[20_000, 0]]);
    tour.interact(25_000);
    tour.interact(50_000);
    expect(tour.paused(100_000)).toBe(true);
    expect(run(tour, 21_000, 109_000)).toEqual([]);
    expect(tour.paused(110_000)).toBe(false);
    expect(run(tour, 110_000, 131_000)).toEqual([[110_000, 1], [130_000, 2]]);
  });

  it('does nothing without stops', () => {
    const tour = createTourScheduler(0, 0, timing);
    expect(run(tour, 0, 100_000)).toEqual([]);
    expect(tour.current).toBe(-1);
  });
});
