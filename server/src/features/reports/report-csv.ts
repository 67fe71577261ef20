import { guardCsvText } from '@shared/csv';
import type { ReportSheet, SheetCell } from './report-sheet';

function cell(value: SheetCell, kind: ReportSheet['kinds'][number]): string {
  if (value === null) return '';
  if (typeof value === 'number') return kind === 'rate' ? (Math.round(value * 10_000) / 100).toFixed(2) : String(value);
  const text = guardCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A report as CSV (UTF-8 with a BOM so that spreadsheets read the Chinese, CRLF lines): the header row, one row per
 * group, the total row. Rates are percentages with two decimals (the header says `(%)`); text cells that a
 * spreadsheet would run as a formula get a leading `'` (`@shared/csv`).
 */
export function reportCsv(sheet: ReportSheet): string {
  const headers = sheet.headers.map((h, i) => (sheet.kinds[i] === 'rate' ? `${h} (%)` : h));
  const lines = [headers, ...sheet.rows].map((row, r) => row.map((v, i) => cell(v, r === 0 ? 'text' : sheet.kinds[i]!)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
