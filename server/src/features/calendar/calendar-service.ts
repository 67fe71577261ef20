import type { SessionUser } from '@shared/auth';
import { checkCalendarYear, type CalendarStatusAnswer, type CalendarYearAnswer, type CalendarYearBody } from '@shared/calendar';
import type { Db } from '../../db/database';
import { BadRequestError } from '../../errors';
import type { AuditRepository } from '../audit';
import { DEFAULT_CALENDAR, localYear, type CalendarFile } from './calendar-file';
import type { CalendarRepository } from './calendar-repository';
import { holidayYears, replaceYear, yearOf } from './calendar-year';

/** Reads and edits the working calendar one year at a time; every save is one transaction with its audit entry. */
export function createCalendarService(deps: { db: Db; repository: CalendarRepository; audit: AuditRepository }) {
  const { db, repository, audit } = deps;
  const current = (): CalendarFile => repository.get() ?? DEFAULT_CALENDAR;

  function answer(file: CalendarFile, year: number): CalendarYearAnswer {
    const { holidays, workdays } = yearOf(file, year);
    return {
      year, holidays, workdays, weekend: file.weekend, workingHours: file.workingHours,
      edited: (file.edited ?? []).includes(year), note: file.note ?? null, updatedAt: repository.updatedAt() ?? null,
    };
  }

  return {
    /** One year's holidays and make-up working days (empty lists when the year has none). */
    year: (year: number): CalendarYearAnswer => answer(current(), year),
    /** Which years have holidays; the current and next local year when they have none. */
    status(now = new Date()): CalendarStatusAnswer {
      const file = current();
      const years = holidayYears(file);
      const currentYear = localYear(now, file.utcOffsetMinutes);
      return { currentYear, years, missing: [currentYear, currentYear + 1].filter((y) => !years.includes(y)) };
    },
    /**
     * Replaces one year's holidays and make-up working days. Deadlines computed from then on use
     * them; deadlines already set (running clocks included) are kept as they were given, as with a
     * category's time limit. Answers 400 naming every bad field.
     */
    put(year: number, body: CalendarYearBody, actor: SessionUser, now = new Date()): CalendarYearAnswer {
      const issues = checkCalendarYear(year, body);
      if (issues.length > 0) throw new BadRequestError(`invalid calendar for ${year}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
      return db.transaction(() => {
        const before = yearOf(current(), year);
        const after = replaceYear(current(), year, body);
        const at = now.toISOString();
        repository.set(after, at);
        audit.record({
          userId: actor.id, username: actor.username, action: 'update', entity: 'calendar', entityId: String(year),
          summary: {
            changed: {
              holidays: [before.holidays.map((h) => `${h.from}..${h.to}`), body.holidays.map((h) => `${h.from}..${h.to}`)],
              workdays: [before.workdays.map((w) => w.date), body.workdays.map((w) => w.date)],
            },
          },
        }, at);
        return answer(after, year);
      })();
    },
  };
}

/** The calendar service's interface. */
export type CalendarService = ReturnType<typeof createCalendarService>;
