import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSchema } from '@shared/layers';
import { guardCsvText } from '@shared/csv';
import { anchorOf } from './locate';
import { matchesFilter, type Condition, type LayerFilter } from '../workspace';

/** The features of a collection that pass a layer filter, as a new FeatureCollection. */
export function filteredCollection(collection: FeatureCollection, filter: LayerFilter | undefined): FeatureCollection {
  return { type: 'FeatureCollection', features: collection.features.filter((f) => matchesFilter(f.properties, filter)) };
}

/**
 * The features an export of a layer would hold: those passing its filter, or null when none does
 * (an empty file is not downloaded; the user is told instead). The server's formats select with the
 * same filter ({@link cql2Filter}), so this answers for them too.
 */
export function exportableCollection(collection: FeatureCollection, filter: LayerFilter | undefined): FeatureCollection | null {
  const filtered = filteredCollection(collection, filter);
  return filtered.features.length > 0 ? filtered : null;
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

/** Download formats the server writes (with GDAL): GeoPackage and zipped Shapefile. */
export type ServerExportFormat = 'gpkg' | 'shp';

const cqlName = (key: string) => `"${key.replace(/"/g, '""')}"`;
const cqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** One condition in CQL2 text: '' when it restricts nothing, null when nothing can pass (no value chosen). */
function conditionCql(key: string, condition: Condition, schema: LayerSchema): string | null {
  const name = cqlName(key);
  if (condition.kind === 'in') {
    if (condition.values.length === 0) return null;
    const type = schema.properties[key]?.type;
    const numeric = type === 'number' || type === 'integer';
    return `${name} IN (${condition.values.map((v) => (numeric ? String(Number(v)) : cqlText(v))).join(', ')})`;
  }
  const bound = (n: number | undefined, end: boolean) => {
    if (n === undefined) return undefined;
    return condition.kind === 'range' ? String(n) : `DATE('${String(n).padStart(4, '0')}-${end ? '12-31' : '01-01'}')`;
  };
  const [low, high] = [bound(condition.min, false), bound(condition.max, true)];
  return [low === undefined ? '' : `${name} >= ${low}`, high === undefined ? '' : `${name} <= ${high}`].filter(Boolean).join(' AND ');
}

/**
 * A layer filter as a CQL2 text filter making the server's selection the map's ({@link matchesFilter}):
 * undefined when it restricts nothing, null when nothing can pass.
 */
export function cql2Filter(filter: LayerFilter | undefined, schema: LayerSchema): string | null | undefined {
  const parts = Object.entries(filter ?? {}).map(([key, c]) => conditionCql(key, c, schema));
  if (parts.includes(null)) return null;
  const active = parts.filter((p): p is string => Boolean(p));
  return active.length ? active.map((p) => `(${p})`).join(' AND ') : undefined;
}

/** The URL of a server-written download of the layer's features that pass its filter; null when none can. */
export function serverExportUrl(layerId: string, format: ServerExportFormat, filter: LayerFilter | undefined, schema: LayerSchema): string | null {
  const cql = cql2Filter(filter, schema);
  if (cql === null) return null;
  const query = new URLSearchParams({ f: format, ...(cql ? { filter: cql, 'filter-lang': 'cql2-text' } : {}) });
  return `/ogc/collections/${encodeURIComponent(layerId)}/items?${query.toString()}`;
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
