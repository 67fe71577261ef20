import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:30');
const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** The shape of data/calendar.json: office hours, weekend days, holidays and make-up working days. */
export const calendarFile = z.object({
  note: localized.optional(),
  timeZone: z.string().min(1),
  /** Fixed offset of local time from UTC (Asia/Shanghai: +480, no daylight saving since 1991). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  workingHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1)
    .refine((periods) => periods.every((p, i) => p.start < p.end && (i === 0 || periods[i - 1]!.end <= p.start)), 'periods must be ordered and must not overlap'),
  /** Days of the week off (0 Sunday … 6 Saturday). */
  weekend: z.array(z.number().int().min(0).max(6)),
  holidays: z.array(z.object({ name: localized, from: z.iso.date(), to: z.iso.date() }).refine((h) => h.from <= h.to, 'from must not be after to')),
  workdays: z.array(z.object({ name: localized, date: z.iso.date() })),
  /** Years an admin saved through `PUT /api/calendar/{year}`: a newer shipped file never overwrites them. */
  edited: z.array(z.number().int()).optional(),
});

/** The working calendar as data/calendar.json holds it. */
export type CalendarFile = z.infer<typeof calendarFile>;

/** A calendar ready for arithmetic: periods in minutes of the local day, days as `YYYY-MM-DD`. */
export interface WorkingCalendar {
  offsetMinutes: number;
  periods: readonly (readonly [number, number])[];
  weekend: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Turns the file form into the form the working-time functions use. */
export function compileCalendar(file: CalendarFile): WorkingCalendar {
  return {
    offsetMinutes: file.utcOffsetMinutes,
    periods: file.workingHours.map((p) => [minutesOf(p.start), minutesOf(p.end)] as const),
    weekend: new Set(file.weekend),
    holidays: new Set(file.holidays.flatMap((h) => datesBetween(h.from, h.to))),
    workdays: new Set(file.workdays.map((w) => w.date)),
  };
}

/**
 * The calendar used when none has been seeded: the same office hours and
 * weekends, no holidays.
 */
export const DEFAULT_CALENDAR: CalendarFile = {
  timeZone: 'Asia/Shanghai',
  utcOffsetMinutes: 480,
  workingHours: [{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }],
  weekend: [0, 6],
  holidays: [],
  workdays: [],
};

/** Offset suffix of an ISO time for a fixed offset (`+08:00`). */
function offsetSuffix(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A date or date-time as an ISO instant; a bare date means local midnight, or
 * the following local midnight when `endOfDay` (for exclusive upper bounds).
 */
export function localInstant(value: string, offsetMinutes: number, endOfDay = false): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
  const start = Date.parse(`${value}T00:00:00${offsetSuffix(offsetMinutes)}`);
  return new Date(endOfDay ? start + DAY_MS : start).toISOString();
}

/** The local calendar year of an instant. */
export function localYear(at: Date, offsetMinutes: number): number {
  return new Date(at.getTime() + offsetMinutes * 60_000).getUTCFullYear();
}
