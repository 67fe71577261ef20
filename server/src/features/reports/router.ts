import { Router } from 'express';
import { reportQuery } from '@shared/reports';
import { parseQuery } from '../../validation';
import { reportCsv } from './report-csv';
import type { ReportService } from './report-service';
import { attachment, reportSheet } from './report-sheet';
import { reportXlsx, XLSX_TYPE } from './report-xlsx';

/** `GET /api/reports/cases?groupBy&from&to&format=json|csv|xlsx[&lang]`: the case KPI report, as JSON or a download. */
export function createReportsRouter(reports: ReportService): Router {
  const router = Router();
  router.get('/cases', async (req, res) => {
    const q = parseQuery(reportQuery, req.query);
    const report = reports.caseReport(q, req.user!);
    if (q.format === 'json') {
      res.json(report);
      return;
    }
    const sheet = reportSheet(report, q.lang);
    if (q.format === 'csv') {
      res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(sheet.fileName, 'csv') }).send(reportCsv(sheet));
      return;
    }
    const workbook = await reportXlsx(sheet);
    res.set({ 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(sheet.fileName, 'xlsx') }).send(workbook);
  });
  return router;
}
