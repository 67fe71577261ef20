import type { AppLocale } from '../../i18n/locale';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** Ages from which the date is clearer than "n days ago". */
const DATE_AFTER_MS = 30 * 86_400_000;

/**
 * How long ago an instant was, in the largest whole unit ("3 小时前", "2 days ago"; "just now"
 * under a minute), or its local date once it is more than 30 days old.
 */
export function formatAge(iso: string, locale: AppLocale, now: Date = new Date(), timeZone?: string): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return iso;
  const elapsed = now.getTime() - then;
  if (elapsed > DATE_AFTER_MS) {
    return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(then);
  }
  const format = new Intl.RelativeTimeFormat(locale === 'en' ? 'en' : 'zh-CN', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(-Math.trunc(elapsed / ms), unit);
  }
  return format.format(0, 'minute');
}

/** An instant as local date and time to the minute, 24-hour clock (`timeZone` for tests). */
export function formatDateTime(iso: string, locale: AppLocale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone,
  }).format(date);
}

/** A local `datetime-local` input value (`YYYY-MM-DDTHH:mm`) of an instant. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An ISO instant with offset from a `datetime-local` input value, read in the browser's zone; undefined when invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
