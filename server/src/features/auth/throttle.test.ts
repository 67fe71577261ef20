import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { createLoginAttemptRepository } from './login-attempt-repository';
import { createSharedThrottle, Throttle, type AttemptCounter } from './throttle';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const at = (seconds: number) => T0 + seconds * 1000;

describe.each<[string, () => AttemptCounter]>([
  ['in memory', () => new Throttle(3, 60_000)],
  ['in the database', () => createSharedThrottle(createLoginAttemptRepository(openDatabase(':memory:')), 3, 60_000)],
])('the sign-in attempts counter %s', (_where, make) => {
  it('lets 3 attempts of a key through in any minute, tells how long to wait, and counts no refused attempt', () => {
    const counter = make();
    expect([counter.hit('a', at(0)), counter.hit('a', at(10)), counter.hit('a', at(20))]).toEqual([0, 0, 0]);
    expect(counter.hit('a', at(30))).toBe(30);
    expect(counter.hit('b', at(30))).toBe(0);
    // a minute after the first attempt it is forgotten; the refused one never counted
    expect(counter.hit('a', at(60))).toBe(0);
    expect(counter.hit('a', at(60) + 1)).toBe(10);
    expect(counter.hit('a', at(70))).toBe(0);
  });
});
