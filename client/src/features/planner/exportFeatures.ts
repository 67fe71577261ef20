import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSchema } from '@shared/layers';
import { guardCsvText } from '@shared/csv';
import { anchorOf } from './locate';
import { matchesFilter, type LayerFilter } from '../workspace';

/** The features of a collection that pass a layer filter, as a new FeatureCollection. */
export function filteredCollection(collection: FeatureCollection, filter: LayerFilter | undefined): FeatureCollection {
  return { type: 'FeatureCollection', features: collection.features.filter((f) => matchesFilter(f.properties, filter)) };
}

/**
 * One CSV cell (every writer's, header cells too): quoted when it holds a comma, quote or line
 * break; text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so that
 * a spreadsheet shows it instead of running it. Numbers (e.g. -5) stay as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = typeof value === 'string' ? guardCsvText(raw) : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV of features: `id`, the schema's properties in schema order, then `lon`/`lat` of a point on
 * each feature and its geometry as GeoJSON. Cells (header cells too) that a spreadsheet would run
 * as a formula are prefixed with `'` (see {@link csvCell}). Starts with a BOM so that spreadsheet programs read UTF-8 Chinese.
 */
export function toCsv(features: readonly Feature[], schema: LayerSchema): string {
  const keys = Object.keys(schema.properties);
  const header = ['id', ...keys, 'lon', 'lat', 'geometry'];
  const rows = features.map((f) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const anchor = anchorOf(f);
    return [f.id, ...keys.map((k) => props[k]), anchor?.[0], anchor?.[1], f.geometry].map(csvCell).join(',');
  });
  return `\uFEFF${[header.map(csvCell).join(','), ...rows].join('\r\n')}\r\n`;
}

/** Starts a download of text as a file (the browser's save dialog or downloads folder). */
export function downloadText(filename: string, text: string, type: string, doc: Document = document): void {
  downloadBlob(filename, new Blob([text], { type }), doc);
}

/** Starts a download of a blob (e.g. a PNG) as a file. */
export function downloadBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
