import type { KpiRow } from '@shared/cases';
import type { ReportColumnKind } from '@shared/report-constants';

/** A figure of a report as the table shows it: counts as they are, rates as percentages with one decimal, hours with two; `—` when undefined. */
export function formatFigure(value: number | null, kind: ReportColumnKind, locale: string): string {
  if (value === null) return '—';
  if (kind === 'rate') return `${(Math.round(value * 1000) / 10).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  if (kind === 'hours') return value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return value.toLocaleString(locale);
}

/** A row's group name in the UI language (`none` for the cases without a group, e.g. not dispatched yet). */
export function rowLabel(row: Pick<KpiRow, 'key' | 'label'>, locale: string, none: string): string {
  if (row.key === null) return none;
  return locale === 'en' ? row.label.en : row.label.zh;
}

/** Local today as YYYY-MM-DD (the browser's day). */
export function today(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The default period: the first of January of this year to today. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const to = today(now);
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/** The month before the one of `now`, as YYYY-MM (the appraisal sheet's default: last month is the one to hand in). */
export function previousMonth(now = new Date()): string {
  const [y, m] = today(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
