import type { LayerInfo } from '@shared/layers';
import type { AppLocale } from '../../i18n/locale';
import { featureNames } from '../layers';
import { csvCell } from '../planner';
import type { CoverageFigures, CoverageResult } from './coverage';

/** One row of the coverage table: a community or the district total. */
export interface CoverageTableRow extends CoverageFigures {
  name: string;
  isTotal: boolean;
}

/** The rows the coverage table shows: one per community (named in the locale), then the district total. */
export function coverageTableRows(result: CoverageResult, communities: Pick<LayerInfo, 'labelProperty'>, locale: AppLocale, totalLabel: string): CoverageTableRow[] {
  const rows = result.rows.map(({ properties, uncovered: _u, uncoveredOutline: _o, id, ...figures }) => ({
    ...figures,
    name: featureNames(communities, properties ?? {}, locale).primary ?? String(id ?? ''),
    isTotal: false,
  }));
  return [...rows, { ...result.total, name: totalLabel, isTotal: true }];
}

/** The coverage CSV's columns, in order. */
export const COVERAGE_COLUMNS = ['name', 'areaM2', 'coveredM2', 'share', 'buildings', 'buildingsCovered', 'households', 'householdsCovered'] as const;

/** Column titles of the coverage CSV. */
export type CoverageCsvHeader = Record<(typeof COVERAGE_COLUMNS)[number], string>;

/**
 * The coverage table as CSV (UTF-8 with a BOM for spreadsheet programs): areas in whole m², the
 * share as a fraction with 4 decimals, counts as they are.
 */
export function coverageCsv(rows: readonly CoverageTableRow[], header: CoverageCsvHeader): string {
  const keys = COVERAGE_COLUMNS;
  const cell = (row: CoverageTableRow, key: keyof CoverageCsvHeader) => {
    if (key === 'name') return row.name;
    if (key === 'share') return row.share.toFixed(4);
    if (key === 'areaM2' || key === 'coveredM2') return Math.round(row[key]);
    return row[key];
  };
  const lines = [keys.map((k) => header[k]), ...rows.map((row) => keys.map((k) => cell(row, k)))];
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
