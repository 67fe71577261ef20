import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { PROJECT_ROOT } from '../../config';
import { calendarFile, type CalendarFile } from './calendar-file';
import { createCalendarFeature } from './calendar-feature';
import { syncShippedCalendar } from './calendar-sync';
import { holidayYears, replaceYear, yearOf } from './calendar-year';

const shipped = calendarFile.parse(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'calendar.json'), 'utf8')));
/** The calendar a database seeded before 2025 and 2026 were shipped holds: 2011 and the start of 2012. */
const old: CalendarFile = {
  ...shipped,
  holidays: shipped.holidays.filter((h) => h.from < '2013'),
  workdays: shipped.workdays.filter((w) => w.date < '2013'),
};
const NOW = new Date('2026-12-07T02:00:00Z');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the start-up sync of the working calendar', () => {
  it('adds the shipped years a database lacks and keeps a year an admin saved', () => {
    const db = openDatabase(':memory:');
    const calendar = createCalendarFeature({ db });
    // an admin entered 2026 by hand with only the Spring Festival before the new file came
    const byHand = replaceYear(old, 2026, { holidays: [{ name: { zh: '春节' }, from: '2026-02-15', to: '2026-02-23' }], workdays: [] });
    calendar.store(byHand, NOW.toISOString());

    expect(syncShippedCalendar(db, path.join(PROJECT_ROOT, 'data'), NOW)).toEqual([2025]);
    const after = calendar.file()!;
    expect(holidayYears(after)).toEqual([2011, 2012, 2025, 2026]);
    expect(yearOf(after, 2025)).toEqual(yearOf(shipped, 2025));
    expect(yearOf(after, 2026).holidays.map((h) => h.from)).toEqual(['2026-02-15']);
    expect(yearOf(after, 2011)).toEqual(yearOf(old, 2011));
    expect(after.note).toEqual(shipped.note);
    // a second start adds nothing
    expect(syncShippedCalendar(db, path.join(PROJECT_ROOT, 'data'), NOW)).toEqual([]);
    // the deadlines use the added year at once: 2025-10-01 is a holiday, 2025-09-28 (a Sunday) a make-up day
    expect(calendar.load().time.isWorkingDay('2025-10-01')).toBe(false);
    expect(calendar.load().time.isWorkingDay('2025-09-28')).toBe(true);
    db.close();
  });

  it('adds nothing without a calendar file and stores the whole file into a database without a calendar', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qingbo-calendar-'));
    const db = openDatabase(':memory:');
    expect(syncShippedCalendar(db, dir, NOW)).toEqual([]);
    expect(createCalendarFeature({ db }).file()).toBeUndefined();
    expect(syncShippedCalendar(db, path.join(PROJECT_ROOT, 'data'), NOW)).toEqual([2011, 2012, 2025, 2026]);
    db.close();
  });
});
