import { describe, expect, it } from 'vitest';
import { formatAge, formatDateTime, fromLocalInput } from './format';

const now = new Date('2011-06-10T08:00:00.000Z');

describe('case times', () => {
  it('says how long ago a case was reported, in the largest unit, then its date after a month', () => {
    expect(formatAge('2011-06-10T07:59:30.000Z', 'zh-CN', now)).toBe('此刻');
    expect(formatAge('2011-06-10T07:45:00.000Z', 'zh-CN', now)).toBe('15分钟前');
    expect(formatAge('2011-06-10T05:00:00.000Z', 'en', now)).toBe('3 hours ago');
    expect(formatAge('2011-06-08T08:00:00.000Z', 'en', now)).toBe('2 days ago');
    expect(formatAge('2011-03-01T02:00:00.000Z', 'zh-CN', now, 'Asia/Shanghai')).toBe('2011/03/01');
    expect(formatAge('not a time', 'en', now)).toBe('not a time');
  });

  it('formats instants to the minute and reads datetime-local values', () => {
    expect(formatDateTime('2011-06-10T08:05:00.000Z', 'zh-CN', 'Asia/Shanghai')).toBe('2011/06/10 16:05');
    expect(fromLocalInput('garbage')).toBeUndefined();
    expect(fromLocalInput('2011-06-10T16:05')).toMatch(/^2011-06-10T\d{2}:05:00\.000Z$/);
  });
});
