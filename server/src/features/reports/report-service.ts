import type { SessionUser } from '@shared/auth';
import type { CaseReport, ReportQuery } from '@shared/reports';
import type { CaseReadService } from '../cases';

/**
 * Case reports: the case feature's KPI tables (one definition of every figure, `kpiFigures`) over a period of
 * local days. A handler's report holds its own department's cases only (the case reads scope it).
 */
export function createReportService(deps: { cases: Pick<CaseReadService, 'kpis'> }) {
  return {
    /** The KPI table of the cases registered from `q.from` to `q.to` (local days, both included), grouped by `q.groupBy`. */
    caseReport(q: Pick<ReportQuery, 'groupBy' | 'from' | 'to'>, viewer: Pick<SessionUser, 'id' | 'role' | 'department'>): CaseReport {
      const table = deps.cases.kpis({ groupBy: q.groupBy, from: q.from, to: q.to }, viewer);
      return { ...table, groupBy: q.groupBy, fromDate: q.from, toDate: q.to };
    },
  };
}

/** The report service's interface. */
export type ReportService = ReturnType<typeof createReportService>;
