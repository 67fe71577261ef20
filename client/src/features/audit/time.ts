import type { AppLocale } from '../../i18n/locale';

const formats = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant as date and time in the browser's time zone (or `timeZone`), 24-hour clock. */
export function formatLocalTime(iso: string, locale: AppLocale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const cacheKey = `${locale}|${timeZone ?? ''}`;
  let format = formats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone,
    });
    formats.set(cacheKey, format);
  }
  return format.format(date);
}
