import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from './text';

/** Years the calendar API accepts. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
/** At most this many holiday periods, and this many make-up working days, in one year. */
export const MAX_HOLIDAYS_PER_YEAR = 40;
/** At most this many make-up working days (调休上班) in one year. */
export const MAX_WORKDAYS_PER_YEAR = 40;
/** Longest holiday period in days (the longest official one is 9). */
export const MAX_HOLIDAY_DAYS = 31;
/** Longest name of a holiday or make-up day, in characters. */
export const CALENDAR_NAME_MAX = 100;

const name = z.string().trim().min(1, 'a name is required').max(CALENDAR_NAME_MAX, `at most ${CALENDAR_NAME_MAX} characters`)
  .refine((s) => !hasControlCharacters(s), CONTROL_CHARACTERS_MESSAGE);
const localizedName = z.object({ zh: name, en: name.optional() }).strict();
const date = z.iso.date('a date like 2026-10-01');

/** One holiday period as the API takes it: an English name is optional (the Chinese one stands in). */
export const calendarHolidayInput = z.object({ name: localizedName, from: date, to: date }).strict();
/** One make-up working day as the API takes it. */
export const calendarWorkdayInput = z.object({ name: localizedName, date }).strict();

/** `PUT /api/calendar/{year}`: the year's holiday periods and make-up working days (replacing those stored). */
export const calendarYearBody = z.object({
  holidays: z.array(calendarHolidayInput).max(MAX_HOLIDAYS_PER_YEAR, `at most ${MAX_HOLIDAYS_PER_YEAR} holiday periods a year`),
  workdays: z.array(calendarWorkdayInput).max(MAX_WORKDAYS_PER_YEAR, `at most ${MAX_WORKDAYS_PER_YEAR} make-up working days a year`),
}).strict();

/** The body of `PUT /api/calendar/{year}`. */
export type CalendarYearBody = z.infer<typeof calendarYearBody>;

/** A name in both languages. */
export interface CalendarName {
  zh: string;
  en: string;
}

/** `GET /api/calendar/{year}`: the year's holidays and make-up days, in date order. */
export interface CalendarYearAnswer {
  year: number;
  holidays: { name: CalendarName; from: string; to: string }[];
  workdays: { name: CalendarName; date: string }[];
  /** Days of the week off (0 Sunday … 6 Saturday) and office hours, for the page's reading aid. */
  weekend: number[];
  workingHours: { start: string; end: string }[];
  /** True once an admin saved the year (the shipped file then never overwrites it). */
  edited: boolean;
  /** What the calendar was made from (the notices, with their dates and addresses), or null. */
  note: CalendarName | null;
  updatedAt: string | null;
}

/** `GET /api/calendar`: which years have holidays, and which of the current and next year lack them. */
export interface CalendarStatusAnswer {
  /** The local (Asia/Shanghai) current year. */
  currentYear: number;
  /** Years with at least one holiday period, ascending. */
  years: number[];
  /** The current and/or next year when it has no holiday period (the admin pages warn). */
  missing: number[];
}

/** Why a year's lists were refused: one code per rule, so a client can say it in its language. */
export type CalendarIssueCode = 'outside_year' | 'before_from' | 'too_long' | 'overlap' | 'duplicate' | 'inside_holiday';

/** One problem of a year's lists: the field (`holidays.2.to`), its code, and an English message. */
export interface CalendarIssue {
  field: string;
  code: CalendarIssueCode;
  message: string;
}

const inYear = (date: string, year: number) => date.startsWith(`${year}-`);
const spanDays = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * What is wrong with a year's lists (empty when nothing): every date inside the year, a period's
 * start not after its end and at most `MAX_HOLIDAY_DAYS` long, no two periods sharing a day,
 * no make-up working day twice or inside a holiday. The server refuses such lists; the page checks first.
 */
export function checkCalendarYear(year: number, body: Pick<CalendarYearBody, 'holidays' | 'workdays'>): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const outside = (field: string) => issues.push({ field, code: 'outside_year', message: `must be in ${year}` });
  body.holidays.forEach((h, i) => {
    if (!inYear(h.from, year)) outside(`holidays.${i}.from`);
    if (!inYear(h.to, year)) outside(`holidays.${i}.to`);
    if (h.from > h.to) issues.push({ field: `holidays.${i}.to`, code: 'before_from', message: 'must not be before from' });
    else if (spanDays(h.from, h.to) > MAX_HOLIDAY_DAYS) issues.push({ field: `holidays.${i}.to`, code: 'too_long', message: `a holiday period lasts at most ${MAX_HOLIDAY_DAYS} days` });
  });
  const order = body.holidays.map((h, i) => ({ ...h, i })).sort((a, b) => a.from.localeCompare(b.from));
  order.forEach((h, k) => {
    const previous = order[k - 1];
    if (previous && h.from <= previous.to) issues.push({ field: `holidays.${h.i}.from`, code: 'overlap', message: `overlaps holiday ${previous.from}–${previous.to}` });
  });
  const seen = new Set<string>();
  body.workdays.forEach((w, i) => {
    if (!inYear(w.date, year)) outside(`workdays.${i}.date`);
    if (seen.has(w.date)) issues.push({ field: `workdays.${i}.date`, code: 'duplicate', message: `${w.date} is listed twice` });
    seen.add(w.date);
    const clash = body.holidays.find((h) => h.from <= w.date && w.date <= h.to);
    if (clash) issues.push({ field: `workdays.${i}.date`, code: 'inside_holiday', message: `${w.date} is inside holiday ${clash.from}–${clash.to}` });
  });
  return issues;
}
