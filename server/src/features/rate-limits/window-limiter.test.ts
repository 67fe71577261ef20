import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database';
import { createWindowLimiter } from './window-limiter';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-07T10:00:00.000Z');

describe.each(['memory', 'table'] as const)('the window limiter with its %s store', (store) => {
  let db: Db;
  let now = T0;
  const limiter = (limit: number) => createWindowLimiter({ db, bucket: 'test', limit, windowMs: MINUTE, clock: () => now, store });
  beforeEach(() => {
    db = openDatabase(':memory:');
    now = T0;
  });
  afterEach(() => db.close());

  it('allows a budget per key, refuses the next call with the seconds to wait, and keeps keys apart', () => {
    const l = limiter(2);
    expect([l.take('a'), l.take('a'), l.take('b')].map((d) => d.allowed)).toEqual([true, true, true]);
    now = T0 + 15_000;
    // the window ends in 45 s; then the 2 calls weigh as the previous window until half of it has passed (30 s more)
    expect(l.take('a')).toEqual({ allowed: false, retryAfterS: 75 });
    expect(l.peek('b')).toEqual({ allowed: true, retryAfterS: 0 });
  });

  it('counts a burst at the end of one window at the start of the next, and lets in who waited', () => {
    const l = limiter(2);
    now = T0 + 59_000;
    expect([l.take('a').allowed, l.take('a').allowed]).toEqual([true, true]);
    now = T0 + MINUTE + 1_000;
    const refused = l.take('a');
    expect(refused).toEqual({ allowed: false, retryAfterS: 29 });
    // refused calls are not counted: hammering in between changes nothing
    for (let i = 0; i < 5; i++) expect(l.take('a').allowed).toBe(false);
    now += 29_000;
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
  });

  it('forgets windows older than the previous one', () => {
    const l = limiter(1);
    expect(l.take('a').allowed).toBe(true);
    now = T0 + 3 * MINUTE;
    expect(l.take('a').allowed).toBe(true);
    if (store === 'table') expect(db.prepare('SELECT window_start FROM rate_limits').pluck().all()).toEqual(['2026-12-07T10:03:00.000Z']);
  });
});

describe('the table store', () => {
  it('shares counts between limiters (processes) on one database, where memory stores do not', () => {
    const db = openDatabase(':memory:');
    const now = T0;
    const make = (store: 'memory' | 'table') => createWindowLimiter({ db, bucket: 'open311', limit: 3, windowMs: MINUTE, clock: () => now, store });
    const [a, b] = [make('table'), make('table')];
    expect([a.take('7'), b.take('7'), a.take('7'), b.take('7')].map((d) => d.allowed)).toEqual([true, true, true, false]);
    const [c, d] = [make('memory'), make('memory')];
    expect([c.take('7'), d.take('7'), c.take('7'), d.take('7')].map((x) => x.allowed)).toEqual([true, true, true, true]);
    expect(db.prepare("SELECT count FROM rate_limits WHERE bucket = 'open311' AND key = '7'").pluck().get()).toBe(3);
    db.close();
  });
});
