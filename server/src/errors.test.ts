import { describe, expect, it } from 'vitest';
import { isStorageFull } from './errors';

describe('isStorageFull', () => {
  it('tells a full disk, a full quota and a full SQLite database from other errors', () => {
    expect(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].map((code) => isStorageFull(Object.assign(new Error('full'), { code })))).toEqual([true, true, true]);
    expect([new Error('x'), Object.assign(new Error('x'), { code: 'EACCES' }), Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }), null, 'ENOSPC'].map(isStorageFull))
      .toEqual([false, false, false, false, false]);
  });
});
