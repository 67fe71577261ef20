import type { CaseReport } from '@shared/reports';
import type { ReportFormat, ReportGroupBy, ReportLang } from '@shared/report-constants';
import { getJson, type FetchLike } from '../../api/http';

/** What a report is asked for: a grouping and local days `from`…`to` (YYYY-MM-DD, both included). */
export interface ReportRequest {
  groupBy: ReportGroupBy;
  from: string;
  to: string;
}

/** The URL of `GET /api/reports/cases` in a format (downloads carry the language of their title and headers). */
export function reportUrl(q: ReportRequest, format: ReportFormat = 'json', lang?: ReportLang): string {
  const params = new URLSearchParams({ groupBy: q.groupBy, from: q.from, to: q.to });
  if (format !== 'json') params.set('format', format);
  if (lang && format !== 'json') params.set('lang', lang);
  return `/api/reports/cases?${params.toString()}`;
}

/** `GET /api/reports/cases` as JSON: the KPI table of the period. */
export function fetchReport(q: ReportRequest, fetch: FetchLike, signal?: AbortSignal): Promise<CaseReport> {
  return getJson<CaseReport>(reportUrl(q), { fetch, signal, cache: 'no-store' });
}
