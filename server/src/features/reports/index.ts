import type { CaseReadService } from '../cases';
import { createReportService } from './report-service';
import { createReportsRouter } from './router';

/** Wires the case reports over the case reads: the `/api/reports` router. */
export function createReportsFeature(deps: { cases: Pick<CaseReadService, 'kpis'> }) {
  return { router: createReportsRouter(createReportService(deps)) };
}
