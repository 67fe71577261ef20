import type { Db } from '../../db/database';
import { calendarFile, type CalendarFile } from './calendar-file';

/** SQL access to the district's working calendar (`case_calendar`, one row). */
export function createCalendarRepository(db: Db) {
  const row = db.prepare<[], { calendar: string; updated_at: string }>('SELECT calendar, updated_at FROM case_calendar WHERE id = 1');
  const put = db.prepare(`INSERT INTO case_calendar (id, calendar, updated_at) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET calendar = excluded.calendar, updated_at = excluded.updated_at`);
  let cached: { updatedAt: string; file: CalendarFile } | undefined;

  return {
    /** The stored working calendar (the same object until it changes), or undefined when none was seeded. */
    get(): CalendarFile | undefined {
      const stored = row.get();
      if (!stored) return undefined;
      if (cached?.updatedAt !== stored.updated_at) cached = { updatedAt: stored.updated_at, file: calendarFile.parse(JSON.parse(stored.calendar)) };
      return cached.file;
    },
    /** When the stored calendar last changed, or undefined when none was seeded. */
    updatedAt(): string | undefined {
      return row.get()?.updated_at;
    },
    /** Stores the working calendar. */
    set(calendar: CalendarFile, now: string): void {
      put.run(JSON.stringify(calendar), now);
    },
  };
}

/** The calendar repository's interface. */
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
