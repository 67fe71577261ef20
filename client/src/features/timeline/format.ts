import type { AppLocale } from '../../i18n/locale';

/** A `YYYY-MM-DD` date (or the date part of an instant) as the locale writes it, e.g. 2011年6月1日 / 1 June 2011. */
export function formatDay(date: string, locale: AppLocale): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Today's date in the browser's calendar, `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
