import { z } from 'zod';
import type { KpiTable } from './cases';
import { addYears, MAX_REPORT_YEARS, REPORT_FORMATS, REPORT_GROUPS, REPORT_LANGS, type ReportGroupBy } from './report-constants';

export * from './report-constants';

const DAY = z.iso.date('a real calendar day as YYYY-MM-DD');

/** Query of `GET /api/reports/cases`: local days `from` ≤ `to`, at most `MAX_REPORT_YEARS` apart. */
export const reportQuery = z.strictObject({
  groupBy: z.enum(REPORT_GROUPS).default('department'),
  from: DAY,
  to: DAY,
  format: z.enum(REPORT_FORMATS).default('json'),
  /** The language of a download's title and headers. */
  lang: z.enum(REPORT_LANGS).default('zh-CN'),
}).superRefine((q, ctx) => {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not be before "from"' });
  else if (q.to >= addYears(q.from, MAX_REPORT_YEARS)) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_REPORT_YEARS} years` });
});
/** A parsed `GET /api/reports/cases` query. */
export type ReportQuery = z.infer<typeof reportQuery>;

/** `GET /api/reports/cases` as JSON: the KPI table of the cases registered on the local days `fromDate`…`toDate` (both included). */
export interface CaseReport extends KpiTable {
  groupBy: ReportGroupBy;
  fromDate: string;
  toDate: string;
}
