import type { TimeUnit } from '@shared/cases';
import type { WorkingCalendar } from './calendar-file';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far `addWorking` looks ahead before deciding the calendar has no working time. */
const MAX_DAYS = 3660;

/** An instant as a Date or an ISO string. */
export type Instant = Date | string;

const ms = (t: Instant) => (typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Working-time arithmetic over one calendar. */
export interface WorkingTime {
  /** Working minutes in a full working day (450 with 08:30–12:00 and 13:30–17:30). */
  readonly dayMinutes: number;
  /** Whether a local date (`YYYY-MM-DD`) is a working day: make-up days work, holidays and weekends do not. */
  isWorkingDay(date: string): boolean;
  /** A limit in working minutes; a working day is `dayMinutes` working minutes. */
  limitMinutes(amount: number, unit: TimeUnit): number;
  /**
   * The instant `amount` working hours or days after `start`. A start outside
   * office hours counts from the next working period; a limit that ends exactly
   * at the end of a period ends there (12:00, not 13:30).
   */
  addWorking(start: Instant, amount: number, unit: TimeUnit): Date;
  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingElapsed(from: Instant, to: Instant): number;
}

/** Binds the working-time functions to a calendar. */
export function createWorkingTime(cal: WorkingCalendar): WorkingTime {
  const offset = cal.offsetMinutes * MINUTE_MS;
  const dayMinutes = cal.periods.reduce((sum, [s, e]) => sum + e - s, 0);
  const localDay = (t: number) => Math.floor((t + offset) / DAY_MS);
  const dayStart = (day: number) => day * DAY_MS - offset;
  const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

  function isWorkingDay(date: string): boolean {
    if (cal.workdays.has(date)) return true;
    if (cal.holidays.has(date)) return false;
    return !cal.weekend.has(new Date(`${date}T00:00:00Z`).getUTCDay());
  }

  function periodsOf(day: number): [number, number][] {
    if (!isWorkingDay(dateOf(day))) return [];
    const base = dayStart(day);
    return cal.periods.map(([s, e]) => [base + s * MINUTE_MS, base + e * MINUTE_MS]);
  }

  function limitMinutes(amount: number, unit: TimeUnit): number {
    return unit === 'wd' ? amount * dayMinutes : amount * 60;
  }

  function addWorking(start: Instant, amount: number, unit: TimeUnit): Date {
    let remaining = limitMinutes(amount, unit) * MINUTE_MS;
    const t0 = ms(start);
    if (remaining <= 0) return new Date(t0);
    const first = localDay(t0);
    for (let day = first; day < first + MAX_DAYS; day += 1) {
      for (const [ps, pe] of periodsOf(day)) {
        if (t0 >= pe) continue;
        const begin = Math.max(t0, ps);
        if (remaining <= pe - begin) return new Date(begin + remaining);
        remaining -= pe - begin;
      }
    }
    throw new Error(`the calendar has too little working time within ${MAX_DAYS} days of ${new Date(t0).toISOString()}`);
  }

  function workingElapsed(from: Instant, to: Instant): number {
    const [a, b] = [ms(from), ms(to)];
    if (!(b > a)) return 0;
    let total = 0;
    for (let day = localDay(a); day <= localDay(b); day += 1) {
      for (const [ps, pe] of periodsOf(day)) total += Math.max(0, Math.min(b, pe) - Math.max(a, ps));
    }
    return total / MINUTE_MS;
  }

  return { dayMinutes, isWorkingDay, limitMinutes, addWorking, workingElapsed };
}
