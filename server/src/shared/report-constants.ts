// Report constants and helpers without zod, so the client bundle that imports them stays free of the schema
// library (`./reports` re-exports all of them with the query schema).
import type { KpiFigures } from './cases';
import type { Role } from './roles';

/** Who may open the case reports (`/reports`, `GET /api/reports/cases`); a handler sees its own department's cases only. */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'dispatcher', 'leader', 'admin', 'handler'];
/** Groupings of a case report. */
export const REPORT_GROUPS = ['department', 'community', 'grid', 'month', 'category'] as const;
/** A case report's grouping. */
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];
/** Formats of `GET /api/reports/cases`. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
/** A case report's format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Languages of the downloads' titles and headers. */
export const REPORT_LANGS = ['zh-CN', 'en'] as const;
/** A download's language. */
export type ReportLang = (typeof REPORT_LANGS)[number];
/** The longest period one report covers, in years (bounds the work of one request). */
export const MAX_REPORT_YEARS = 10;
/** A month as YYYY-MM (the appraisal sheet's period). */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The same day `years` later (29 February → 28 February in a common year), as YYYY-MM-DD. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${pad(y + years, 4)}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/** The first and last day of a month given as YYYY-MM (null when it is not one). */
export function monthRange(month: string): { from: string; to: string } | null {
  if (!MONTH.test(month)) return null;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}` };
}

/** How a report column is shown: a count, a rate (a fraction shown as a percentage) or working hours. */
export type ReportColumnKind = 'count' | 'rate' | 'hours';

/** The figure columns of a report, in order, with their zh/en headers. */
export const REPORT_COLUMNS = [
  { key: 'registered', kind: 'count', zh: '立案数', en: 'Registered' },
  { key: 'closed', kind: 'count', zh: '结案数', en: 'Closed' },
  { key: 'closureRate', kind: 'rate', zh: '结案率', en: 'Closure rate' },
  { key: 'onTimeClosureRate', kind: 'rate', zh: '按期结案率', en: 'On-time closure rate' },
  { key: 'reworkRate', kind: 'rate', zh: '返工率', en: 'Rework rate' },
  { key: 'postponementRate', kind: 'rate', zh: '延期率', en: 'Postponement rate' },
  { key: 'avgHandlingHours', kind: 'hours', zh: '平均处置时长（工作小时）', en: 'Avg handling time (working hours)' },
] as const satisfies readonly { key: keyof KpiFigures; kind: ReportColumnKind; zh: string; en: string }[];

/** A grouping's name (a column header, and in titles). */
export const REPORT_GROUP_NAMES: Readonly<Record<ReportGroupBy, { zh: string; en: string }>> = {
  department: { zh: '部门', en: 'Department' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  month: { zh: '月份', en: 'Month' },
  category: { zh: '类别', en: 'Category' },
};
