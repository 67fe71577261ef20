import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DatabaseUnavailableError, PgError } from './db/postgres';
import { createErrorMapper, isStorageFull, type BusyError } from './errors';

describe('isStorageFull', () => {
  it('tells a full disk, a full quota and a full SQLite database from other errors', () => {
    expect(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].map((code) => isStorageFull(Object.assign(new Error('full'), { code })))).toEqual([true, true, true]);
    expect([new Error('x'), Object.assign(new Error('x'), { code: 'EACCES' }), Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }), null, 'ENOSPC'].map(isStorageFull))
      .toEqual([false, false, false, false, false]);
  });
});

describe('createErrorMapper on PostgreSQL errors', () => {
  const toHttp = createErrorMapper(pino({ level: 'silent' }));

  it('answers 503 busy with a retry to a transaction that waited too long for the write lock (55P03)', () => {
    const e = toHttp(new PgError('canceling statement due to lock timeout', '55P03'));
    expect([e?.status, e?.code, (e as BusyError).retryAfterSeconds]).toEqual([503, 'busy', 2]);
  });

  it('answers 503 database_unavailable to a lost connection, 507 to a server out of disk, 400 to a NUL it cannot store', () => {
    expect(toHttp(new DatabaseUnavailableError('gone'))?.code).toBe('database_unavailable');
    expect(toHttp(new PgError('could not extend file', '53100'))?.status).toBe(507);
    expect(toHttp(new PgError('invalid byte sequence for encoding "UTF8": 0x00', '22021'))?.code).toBe('unstorable_text');
    expect(toHttp(new PgError('duplicate key', '23505'))).toBeUndefined();
  });
});
