import type { CalendarYearBody } from '@shared/calendar';
import type { CalendarFile } from './calendar-file';

type Holiday = CalendarFile['holidays'][number];
type Workday = CalendarFile['workdays'][number];

const inYear = (date: string, year: number) => date.startsWith(`${year}-`);

/** The holiday periods (starting in the year) and make-up working days of one year, in date order. */
export function yearOf(file: CalendarFile, year: number): { holidays: Holiday[]; workdays: Workday[] } {
  return {
    holidays: file.holidays.filter((h) => inYear(h.from, year)).sort((a, b) => a.from.localeCompare(b.from)),
    workdays: file.workdays.filter((w) => inYear(w.date, year)).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Years with at least one holiday period, ascending. */
export function holidayYears(file: CalendarFile): number[] {
  return [...new Set(file.holidays.map((h) => Number(h.from.slice(0, 4))))].sort((a, b) => a - b);
}

/**
 * The calendar with one year's lists replaced by `body` (names trimmed, a missing English name
 * taken from the Chinese one), the year marked as edited. `body` must have passed `checkCalendarYear`.
 */
export function replaceYear(file: CalendarFile, year: number, body: CalendarYearBody): CalendarFile {
  const name = (n: { zh: string; en?: string }) => ({ zh: n.zh, en: n.en ?? n.zh });
  return {
    ...file,
    holidays: [...file.holidays.filter((h) => !inYear(h.from, year)), ...body.holidays.map((h) => ({ name: name(h.name), from: h.from, to: h.to }))]
      .sort((a, b) => a.from.localeCompare(b.from)),
    workdays: [...file.workdays.filter((w) => !inYear(w.date, year)), ...body.workdays.map((w) => ({ name: name(w.name), date: w.date }))]
      .sort((a, b) => a.date.localeCompare(b.date)),
    edited: [...new Set([...(file.edited ?? []), year])].sort((a, b) => a - b),
  };
}

/**
 * Brings a stored calendar up to date with the shipped file: each year the file has holidays for
 * and the stored calendar has neither holidays nor make-up days for, nor an admin's save, is copied in
 * (with the file's note). Years an admin edited, or that already hold entries, are kept as stored.
 */
export function addShippedYears(stored: CalendarFile, shipped: CalendarFile): { file: CalendarFile; added: number[] } {
  const edited = new Set(stored.edited ?? []);
  const added = holidayYears(shipped).filter((year) => {
    const have = yearOf(stored, year);
    return !edited.has(year) && have.holidays.length === 0 && have.workdays.length === 0;
  });
  if (added.length === 0) return { file: stored, added };
  const wanted = new Set(added);
  const fromYear = (date: string) => Number(date.slice(0, 4));
  return {
    added,
    file: {
      ...stored,
      ...(shipped.note ? { note: shipped.note } : {}),
      holidays: [...stored.holidays, ...shipped.holidays.filter((h) => wanted.has(fromYear(h.from)))].sort((a, b) => a.from.localeCompare(b.from)),
      workdays: [...stored.workdays, ...shipped.workdays.filter((w) => wanted.has(fromYear(w.date)))].sort((a, b) => a.date.localeCompare(b.date)),
    },
  };
}
