import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config';
import type { TimeUnit } from '@shared/cases';
import { calendarFile, compileCalendar, DEFAULT_CALENDAR } from './calendar-file';
import { createWorkingTime } from './working-time';

const file = calendarFile.parse(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'calendar.json'), 'utf8')));
const time = createWorkingTime(compileCalendar(file));

/** A local (Asia/Shanghai) wall-clock time, e.g. `2011-03-07 09:00`. */
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
/** The local wall-clock time of an instant. */
const wall = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the 2011 calendar', () => {
  it.each([
    ['2011-03-07', true, 'a Monday'],
    ['2011-03-12', false, 'a Saturday'],
    ['2011-03-13', false, 'a Sunday'],
    ['2011-01-03', false, 'New Year holiday on a Monday'],
    ['2011-02-02', false, 'Spring Festival'],
    ['2011-02-08', false, 'the last day of Spring Festival'],
    ['2011-01-30', true, 'a Sunday made a working day'],
    ['2011-02-12', true, 'a Saturday made a working day'],
    ['2011-04-02', true, 'Qingming make-up Saturday'],
    ['2011-04-05', false, 'Qingming on a Tuesday'],
    ['2011-06-06', false, 'Dragon Boat on a Monday'],
    ['2011-09-12', false, 'Mid-Autumn on a Monday'],
    ['2011-10-07', false, 'National Day on a Friday'],
    ['2011-10-08', true, 'National Day make-up Saturday'],
    ['2011-10-09', true, 'National Day make-up Sunday'],
    ['2011-12-31', true, 'the 2012 New Year make-up Saturday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(time.isWorkingDay(date)).toBe(working);
  });

  it('has 7.5 working hours a day', () => {
    expect(time.dayMinutes).toBe(450);
    expect(time.limitMinutes(2, 'wd')).toBe(900);
    expect(time.limitMinutes(4, 'wh')).toBe(240);
  });
});

describe('addWorking', () => {
  it.each([
    ['2011-03-07 09:00', 2, 'wh', '2011-03-07 11:00', 'within the morning'],
    ['2011-03-07 09:00', 4, 'wh', '2011-03-07 14:30', 'across the lunch break'],
    ['2011-03-07 08:30', 3.5, 'wh', '2011-03-07 12:00', 'ending exactly at noon'],
    ['2011-03-07 13:30', 4, 'wh', '2011-03-07 17:30', 'ending exactly at the end of the day'],
    ['2011-03-07 07:00', 2, 'wh', '2011-03-07 10:30', 'starting before office hours'],
    ['2011-03-07 12:30', 2, 'wh', '2011-03-07 15:30', 'starting in the lunch break'],
    ['2011-03-07 18:00', 2, 'wh', '2011-03-08 10:30', 'starting after office hours'],
    ['2011-03-07 16:30', 2, 'wh', '2011-03-08 09:30', 'across the night'],
    ['2011-03-11 16:30', 2, 'wh', '2011-03-14 09:30', 'across a weekend'],
    ['2011-03-12 10:00', 2, 'wh', '2011-03-14 10:30', 'starting on a Saturday'],
    ['2011-03-07 10:00', 2, 'wd', '2011-03-09 10:00', 'two working days'],
    ['2011-03-07 10:00', 5, 'wd', '2011-03-14 10:00', 'five working days over a weekend'],
    ['2011-03-07 10:00', 20, 'wd', '2011-04-02 10:00', 'twenty working days, ending on the Qingming make-up Saturday'],
    ['2011-03-07 10:00', 21, 'wd', '2011-04-06 10:00', 'twenty-one working days, over the Qingming holiday'],
    ['2011-09-28 10:00', 7, 'wd', '2011-10-12 10:00', 'seven working days over National Day and its two make-up days'],
    ['2011-02-02 09:00', 4, 'wh', '2011-02-09 14:00', 'starting on a holiday'],
    ['2011-01-30 09:00', 2, 'wh', '2011-01-30 11:00', 'on a Sunday made a working day'],
    ['2011-01-29 17:00', 1, 'wh', '2011-01-30 09:30', 'from a Saturday into a make-up Sunday'],
    ['2011-04-01 17:00', 1, 'wh', '2011-04-02 09:00', 'into the Qingming make-up Saturday'],
    ['2011-04-29 17:00', 2, 'wh', '2011-05-03 10:00', 'over the Labour Day holiday'],
    ['2011-12-30 16:00', 4, 'wh', '2011-12-31 11:00', 'into the year-end make-up Saturday'],
    ['2011-12-31 17:00', 1, 'wh', '2012-01-04 09:00', 'over the 2012 New Year holiday'],
  ] as [string, number, TimeUnit, string, string][])('%s + %s %s = %s (%s)', (start, amount, unit, expected) => {
    expect(wall(time.addWorking(local(start), amount, unit))).toBe(expected);
  });

  it('accepts ISO strings and returns the start for a zero limit', () => {
    expect(time.addWorking('2011-03-07T01:00:00.000Z', 1, 'wh').toISOString()).toBe('2011-03-07T02:00:00.000Z');
    expect(time.addWorking('2011-03-12T01:00:00.000Z', 0, 'wh').toISOString()).toBe('2011-03-12T01:00:00.000Z');
  });

  it('gives up on a calendar without working time', () => {
    const never = createWorkingTime(compileCalendar({ ...DEFAULT_CALENDAR, weekend: [0, 1, 2, 3, 4, 5, 6] }));
    expect(() => never.addWorking(local('2011-03-07 09:00'), 1, 'wh')).toThrow(/too little working time/);
  });
});

describe('workingElapsed', () => {
  it.each([
    ['2011-03-07 09:00', '2011-03-07 14:30', 240, 'across lunch'],
    ['2011-03-07 12:10', '2011-03-07 13:20', 0, 'inside the lunch break'],
    ['2011-03-07 06:00', '2011-03-07 20:00', 450, 'a whole working day'],
    ['2011-03-11 16:30', '2011-03-14 09:30', 120, 'over a weekend'],
    ['2011-10-01 00:00', '2011-10-08 00:00', 0, 'a holiday week'],
    ['2011-09-30 08:30', '2011-10-10 08:30', 1350, 'National Day with its make-up weekend'],
    ['2011-03-07 10:00', '2011-03-07 10:00', 0, 'no time'],
    ['2011-03-08 10:00', '2011-03-07 10:00', 0, 'backwards'],
  ])('%s → %s is %s working minutes (%s)', (from, to, minutes) => {
    expect(time.workingElapsed(local(from), local(to))).toBe(minutes);
  });

  it('inverts addWorking for any start in 2011 and any limit', () => {
    const start2011 = Date.parse('2011-01-01T00:00:00+08:00');
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 364 * 24 * 60 }),
      fc.integer({ min: 1, max: 40 * 60 }),
      (offsetMin, limitMin) => {
        const start = new Date(start2011 + offsetMin * 60_000);
        const deadline = time.addWorking(start, limitMin / 60, 'wh');
        expect(time.workingElapsed(start, deadline)).toBeCloseTo(limitMin, 6);
        expect(time.isWorkingDay(wall(deadline).slice(0, 10))).toBe(true);
      },
    ), { numRuns: 300 });
  });
});

describe('the 2026 calendar (notice of 4 November 2025)', () => {
  it.each([
    ['2026-01-04', true, 'New Year make-up Sunday'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-23', false, 'the last day of Spring Festival, a Monday'],
    ['2026-05-05', false, 'Labour Day holiday on a Tuesday'],
    ['2026-09-20', true, 'National Day make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn on a Friday'],
    ['2026-10-01', false, 'National Day, a Thursday'],
    ['2026-10-07', false, 'the last day of National Day, a Wednesday'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2026-10-10', true, 'National Day make-up Saturday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(time.isWorkingDay(date)).toBe(working);
  });

  it.each([
    // 150 min on 30 Sep, none 1–7 Oct, 450 on 8 Oct, 210 + 90 on 9 Oct
    ['2026-09-30 15:00', 2, 'wd', '2026-10-09 15:00', 'two working days over National Day'],
    // 9 Oct 17:00 + 1 h: 30 min that day, then Saturday 10 Oct is a make-up working day
    ['2026-10-09 17:00', 1, 'wh', '2026-10-10 09:00', 'into the National Day make-up Saturday'],
    ['2026-09-24 17:00', 1, 'wh', '2026-09-28 09:00', 'over the Mid-Autumn weekend'],
  ] as [string, number, TimeUnit, string, string][])('%s + %s %s = %s (%s)', (start, amount, unit, expected) => {
    expect(wall(time.addWorking(local(start), amount, unit))).toBe(expected);
  });
});
