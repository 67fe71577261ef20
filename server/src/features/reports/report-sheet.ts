import { DEPARTMENT_NAMES, type Department, type KpiFigures } from '@shared/cases';
import { REPORT_COLUMNS, REPORT_GROUP_NAMES, type CaseReport, type ReportColumnKind, type ReportLang } from '@shared/reports';

/** A cell of a report sheet: text, a number, or empty. */
export type SheetCell = string | number | null;

/** A report laid out for a download, in one language: what both the CSV and the workbook write. */
export interface ReportSheet {
  /** The title line (what, which period, whose cases). */
  title: string;
  /** The worksheet's name (≤ 31 characters, none of `[]:*?/\`). */
  sheetName: string;
  /** The header cells: code, group name, then the figure columns. */
  headers: string[];
  /** How each column is shown. */
  kinds: ('text' | ReportColumnKind)[];
  /** One row per group, then the total row. */
  rows: SheetCell[][];
  /** A download's file name, ASCII and localized (without extension). */
  fileName: { ascii: string; localized: string };
}

const TEXT = {
  'zh-CN': { report: '案件统计报表', by: (g: string) => `按${g}`, period: (a: string, b: string) => `${a} 至 ${b}`, code: '编码', total: '合计', only: (d: string) => `（仅${d}）` },
  en: { report: 'Case report', by: (g: string) => `by ${g.toLowerCase()}`, period: (a: string, b: string) => `${a} to ${b}`, code: 'Code', total: 'Total', only: (d: string) => ` (${d} only)` },
} as const;

const figures = (f: KpiFigures): SheetCell[] => REPORT_COLUMNS.map((c) => f[c.key]);

/** Lays a report out as a titled table in `lang`: one row per group and a total row; rates stay fractions. */
export function reportSheet(report: CaseReport, lang: ReportLang): ReportSheet {
  const text = TEXT[lang];
  const l = lang === 'en' ? 'en' : 'zh';
  const group = REPORT_GROUP_NAMES[report.groupBy][l];
  const department = report.department === undefined ? '' : (DEPARTMENT_NAMES[report.department as Department]?.[l] ?? report.department);
  const by = text.by(group);
  return {
    title: `${text.report} ${by} ${text.period(report.fromDate, report.toDate)}${department ? text.only(department) : ''}`,
    sheetName: (lang === 'en' ? `Cases ${by}` : `案件${by}`).slice(0, 31),
    headers: [text.code, group, ...REPORT_COLUMNS.map((c) => c[l])],
    kinds: ['text', 'text', ...REPORT_COLUMNS.map((c) => c.kind)],
    rows: [
      ...report.rows.map((r): SheetCell[] => [r.key ?? '', r.label[l], ...figures(r)]),
      ['', text.total, ...figures(report.total)],
    ],
    fileName: {
      ascii: `case-report-${report.groupBy}-${report.fromDate}-${report.toDate}${report.department ? `-${report.department}` : ''}`,
      localized: lang === 'en'
        ? `case-report-${report.groupBy}-${report.fromDate}-${report.toDate}${report.department ? `-${report.department}` : ''}`
        : `${text.report}-${by}-${report.fromDate}至${report.toDate}${department ? `-${department}` : ''}`,
    },
  };
}

/** `Content-Disposition` of a download: an ASCII `filename` and the real one in `filename*` (RFC 6266 / RFC 5987, UTF-8). */
export function attachment(fileName: ReportSheet['fileName'], extension: string): string {
  const encoded = encodeURIComponent(`${fileName.localized}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fileName.ascii.replace(/[^\x20-\x7e]|["\\]/g, '_')}.${extension}"; filename*=UTF-8''${encoded}`;
}
