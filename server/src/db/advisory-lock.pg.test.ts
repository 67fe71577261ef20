import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseUrl } from '../../../tests/helpers/test-db';
import { SEED_LOCK_KEY, withAdvisoryLock } from './advisory-lock';
import { openDatabase } from './database';

describe('withAdvisoryLock on PostgreSQL (seeding once across processes)', () => {
  const url = createTestDatabaseUrl();
  const first = openDatabase(url);
  const second = openDatabase(url);

  afterAll(() => {
    first.close();
    second.close();
  });

  it('lets a second connection in only after the first gave the lock back, then again at once', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const a = withAdvisoryLock(first, SEED_LOCK_KEY, async () => {
      order.push('first in');
      await held;
      order.push('first out');
      return 'first';
    });
    const b = withAdvisoryLock(second, SEED_LOCK_KEY, async () => {
      order.push('second in');
      return 'second';
    });
    await sleep(600);
    expect(order).toEqual(['first in']);
    release();
    await expect(Promise.all([a, b])).resolves.toEqual(['first', 'second']);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    // given back after a throw too
    await expect(withAdvisoryLock(first, SEED_LOCK_KEY, async () => {
      throw new Error('seeding failed');
    })).rejects.toThrow('seeding failed');
    await expect(withAdvisoryLock(second, SEED_LOCK_KEY, async () => 'free')).resolves.toBe('free');
  });
});
