import ExcelJS from 'exceljs';
import type { ReportSheet } from './report-sheet';

/** Excel number formats per column kind. */
const NUMBER_FORMATS = { count: '0', rate: '0.00%', hours: '0.00', text: '@' } as const;
/** Column widths (characters) per column kind; the group name column gets more. */
const WIDTHS = { count: 10, rate: 14, hours: 18, text: 16 } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
/** The MIME type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A report as an .xlsx workbook: one sheet with a merged title row (what and which period), a bold header row
 * frozen under it, one row per group and a bold total row; rates as fractions in a percent format, hours with two
 * decimals; set column widths; printed landscape on A4, one page wide.
 */
export async function reportXlsx(sheet: ReportSheet, generatedAt = new Date()): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Qingbo One Map';
  book.created = generatedAt;
  const ws = book.addWorksheet(sheet.sheetName, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  const columns = sheet.headers.length;
  ws.columns = sheet.kinds.map((kind, i) => ({ width: i === 1 ? 24 : Math.max(WIDTHS[kind], Math.ceil(sheet.headers[i]!.length * 1.6) + 2) }));

  ws.mergeCells(1, 1, 1, columns);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;

  const header = ws.getRow(2);
  header.values = sheet.headers;
  header.height = 30;
  header.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    c.border = BORDER;
  });

  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(3 + r);
    row.values = values.map((v) => v ?? null);
    for (let i = 0; i < columns; i += 1) {
      const c = row.getCell(i + 1);
      c.numFmt = NUMBER_FORMATS[sheet.kinds[i]!];
      c.border = BORDER;
    }
    if (r === sheet.rows.length - 1) row.font = { bold: true };
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
