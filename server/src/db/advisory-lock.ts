import { setTimeout as sleep } from 'node:timers/promises';
import { isPostgres, type Db } from './database';

/** The session-level advisory lock `migrate` holds on PostgreSQL: one process migrates, the others wait. */
export const MIGRATION_LOCK_KEY = 7_361_413;

/** The session-level advisory lock held around "empty? then seed": one process seeds, the others wait. */
export const SEED_LOCK_KEY = 7_361_414;

/** How often a waiting process asks for the lock again, and how long it waits in all before giving up. */
const POLL_MS = 100;
const GIVE_UP_MS = 15 * 60_000;

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether this connection took the lock now (never waits: a long wait would hit the statement timeout). */
function tryLock(db: Db, key: number): boolean {
  return db.prepare('SELECT pg_try_advisory_lock(?)').pluck().get(key) === true;
}

/** Gives the lock back; a lost connection already gave it back, so a failure here is not worth reporting. */
function unlock(db: Db, key: number): void {
  try {
    db.prepare('SELECT pg_advisory_unlock(?)').pluck().get(key);
  } catch {
    // the session (and with it the lock) is gone
  }
}

function timedOut(key: number): Error {
  return new Error(`another process held PostgreSQL advisory lock ${key} for over ${GIVE_UP_MS / 60_000} minutes (migrating or seeding); start again when it is done`);
}

/**
 * Runs `fn` holding a session-level advisory lock on PostgreSQL, so only one process in the cluster runs it at a
 * time; a second process waits (polling, the thread blocked) until the first gives the lock back. On SQLite it
 * just runs `fn`: one process owns the file.
 */
export function withAdvisoryLockSync<T>(db: Db, key: number, fn: () => T): T {
  if (!isPostgres(db)) return fn();
  const giveUp = Date.now() + GIVE_UP_MS;
  while (!tryLock(db, key)) {
    if (Date.now() > giveUp) throw timedOut(key);
    Atomics.wait(pause, 0, 0, POLL_MS);
  }
  try {
    return fn();
  } finally {
    unlock(db, key);
  }
}

/** {@link withAdvisoryLockSync} for async work (seeding awaits password hashes and photos): waits without blocking. */
export async function withAdvisoryLock<T>(db: Db, key: number, fn: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return fn();
  const giveUp = Date.now() + GIVE_UP_MS;
  while (!tryLock(db, key)) {
    if (Date.now() > giveUp) throw timedOut(key);
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    unlock(db, key);
  }
}
