import { describe, expect, it } from 'vitest';
import { isDate } from './dates';

describe('isDate', () => {
  it('reads only real dates', () => {
    expect(isDate('2011-06-01')).toBe(true);
    expect(isDate('2011-02-30')).toBe(false);
    expect(isDate('2011-6-1')).toBe(false);
    expect(isDate(20110601)).toBe(false);
  });
});
