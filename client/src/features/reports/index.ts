export { REPORT_ROLES } from '@shared/report-constants';

/** The reports feature's pages, loaded when their route is first visited. */
export const reportsPages = {
  /** `/reports`: KPI tables with a chart and downloads. */
  reports: () => import('./ReportsPage.vue'),
  /** `/reports/appraisal?month=YYYY-MM`: the monthly appraisal sheet per department, printable on A4. */
  appraisal: () => import('./AppraisalPage.vue'),
};
