import { describe, expect, it } from 'vitest';
import { isoDate, printFileName } from './fileName';

describe('printFileName', () => {
  it('names the PNG by the local date and time, zero-padded', () => {
    expect(printFileName(new Date(2011, 2, 5, 9, 7))).toBe('qingbo-map-2011-03-05-0907.png');
    expect(printFileName(new Date(2024, 11, 31, 23, 59))).toBe('qingbo-map-2024-12-31-2359.png');
  });

  it('gives the local calendar date', () => {
    expect(isoDate(new Date(2011, 0, 1, 0, 0))).toBe('2011-01-01');
  });
});
