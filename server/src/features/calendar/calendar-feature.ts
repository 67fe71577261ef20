import type { Router } from 'express';
import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import { compileCalendar, DEFAULT_CALENDAR, type CalendarFile } from './calendar-file';
import { createCalendarRepository } from './calendar-repository';
import { createCalendarService } from './calendar-service';
import { addShippedYears, holidayYears } from './calendar-year';
import { createCalendarRouter } from './router';
import { createWorkingTime, type WorkingTime } from './working-time';

/** The working calendar in force, ready for arithmetic. */
export interface LoadedCalendar {
  /** Working-time arithmetic (office hours, weekends, holidays, make-up days). */
  time: WorkingTime;
  /** Fixed offset of local time from UTC, in minutes (+480 for Asia/Shanghai). */
  offsetMinutes: number;
}

/** What other features need of the calendar: the one in force, read afresh on each call. */
export interface Calendar {
  /** The seeded calendar, or office hours without holidays when none was seeded. */
  load(): LoadedCalendar;
}

/** The calendar feature's public services (what `createCalendarFeature` returns). */
export interface CalendarFeature extends Calendar {
  /** The stored calendar file, or undefined when none was seeded. */
  file(): CalendarFile | undefined;
  /** Stores a calendar file (the caller holds the transaction). */
  store(file: CalendarFile, now: string): void;
  /**
   * Adds the shipped file's years that the stored calendar lacks (no entries, never saved by an admin);
   * returns the years added. A database made before a newer data/calendar.json gains its years this way.
   */
  addShippedYears(shipped: CalendarFile, now?: Date): number[];
  /** `/api/calendar` (status, `GET`/`PUT /{year}`), its saves audited. */
  router(audit: AuditRepository): Router;
}

/**
 * The district's working calendar as its own feature: stored in `case_calendar`, compiled once
 * per stored version; the case clocks, Open311 and the photos' EXIF times read it through `load`.
 */
export function createCalendarFeature(deps: { db: Db }): CalendarFeature {
  const repository = createCalendarRepository(deps.db);
  const compiled = new WeakMap<CalendarFile, LoadedCalendar>();
  return {
    load(): LoadedCalendar {
      const file = repository.get() ?? DEFAULT_CALENDAR;
      let loaded = compiled.get(file);
      if (!loaded) {
        loaded = { time: createWorkingTime(compileCalendar(file)), offsetMinutes: file.utcOffsetMinutes };
        compiled.set(file, loaded);
      }
      return loaded;
    },
    file: repository.get,
    store: repository.set,
    addShippedYears(shipped: CalendarFile, now = new Date()): number[] {
      return deps.db.transaction(() => {
        const stored = repository.get();
        const { file, added } = stored ? addShippedYears(stored, shipped) : { file: shipped, added: holidayYears(shipped) };
        if (added.length > 0) repository.set(file, now.toISOString());
        return added;
      })();
    },
    router: (audit) => createCalendarRouter(createCalendarService({ db: deps.db, repository, audit })),
  };
}
