import type { ImportFormat, ImportProblem } from '../../contracts/import';
import type { LayerSchema } from '../../contracts/layers';
import { HttpError } from '../../errors';
import { coordinateCell, recordProperties } from './coerce';
import { COORDINATE_COLUMNS, detectColumns, parseCsv } from './csv';

/** One feature read from a file, before conversion and validation. */
export interface Candidate {
  index: number;
  line?: number;
  /** The feature as read (undefined when its geometry could not be read at all). */
  feature?: { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> };
  errors: ImportProblem[];
}

/** The features of a file and notes about it as a whole. */
export interface ReadResult {
  candidates: Candidate[];
  notes: string[];
}

/** The format of a file: as asked, else from its name, else from its first character. */
export function detectFormat(text: string, asked?: ImportFormat, fileName?: string): ImportFormat {
  if (asked) return asked;
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, '')) ? 'geojson' : 'csv';
}

/** A 400 for a file that cannot be read as its format. */
const badFormat = (message: string) => new HttpError(400, 'bad_format', message);

function withoutNulls(properties: unknown): Record<string, unknown> {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return {};
  return Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null));
}

function readGeojson(text: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw badFormat(`the file is not valid JSON: ${(err as Error).message}`);
  }
  const root = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } } | null;
  const type = root && typeof root === 'object' ? root.type : undefined;
  let list: unknown[];
  if (type === 'FeatureCollection' && Array.isArray(root!.features)) list = root!.features;
  else if (type === 'Feature') list = [root];
  else throw badFormat(`expected a GeoJSON FeatureCollection or Feature, got ${type === undefined ? 'something else' : `"${String(type)}"`}`);
  const notes: string[] = [];
  const named = root!.crs?.properties?.name;
  if (typeof named === 'string' && !/CRS84|4326/.test(named)) notes.push(`the file's "crs" member (${named}) is ignored: coordinates are read in the chosen coordinate system`);
  const candidates = list.map((item, index): Candidate => {
    const f = item as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') return { index, errors: [{ path: 'type', message: 'not a GeoJSON Feature' }] };
    return { index, feature: { type: 'Feature', geometry: f.geometry ?? null, properties: withoutNulls(f.properties) }, errors: [] };
  });
  return { candidates, notes };
}

function readCsv(text: string, schema: LayerSchema): ReadResult {
  let table;
  try {
    table = parseCsv(text);
  } catch (err) {
    throw badFormat(`the CSV cannot be read: ${(err as Error).message}`);
  }
  const { header, records } = table;
  const cols = detectColumns(header);
  const hasPoint = cols.lon >= 0 && cols.lat >= 0;
  if (!hasPoint && cols.geometry < 0) {
    throw badFormat(`no coordinate columns: name them ${COORDINATE_COLUMNS.lon.join('/')} and ${COORDINATE_COLUMNS.lat.join('/')}, or give a GeoJSON "geometry" column`);
  }
  const idCol = header.findIndex((h) => h.toLowerCase() === 'id');
  const skip = new Set([cols.lon, cols.lat, cols.geometry, idCol].filter((i) => i >= 0));
  const notes = idCol >= 0 ? ['the "id" column is ignored: imported features get new ids'] : [];
  const unknown = header.filter((h, i) => !skip.has(i) && h !== '' && !(h in schema.properties));
  if (unknown.length && schema.additionalProperties === false) notes.push(`columns not in the layer's schema: ${unknown.join(', ')}`);
  const candidates = records.map(({ line, cells }, index): Candidate => {
    const properties = recordProperties(header, cells, schema, skip);
    const geometryText = cols.geometry >= 0 ? cells[cols.geometry]?.trim() : '';
    if (geometryText) {
      try {
        return { index, line, feature: { type: 'Feature', geometry: JSON.parse(geometryText), properties }, errors: [] };
      } catch {
        return { index, line, errors: [{ path: 'geometry', message: 'the geometry column is not GeoJSON' }] };
      }
    }
    if (!hasPoint) return { index, line, errors: [{ path: 'geometry', message: 'the geometry column is empty' }] };
    const lon = coordinateCell(cells[cols.lon], header[cols.lon]!);
    const lat = coordinateCell(cells[cols.lat], header[cols.lat]!);
    const errors = [lon, lat].filter((c): c is ImportProblem => typeof c !== 'number');
    if (errors.length) return { index, line, errors };
    return { index, line, feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }, errors: [] };
  });
  return { candidates, notes };
}

/**
 * Reads the features of a GeoJSON (FeatureCollection or Feature) or CSV text. CSV coordinates
 * come from lon/lat columns (or a GeoJSON `geometry` column, as the export writes), the other
 * columns become properties coerced to the layer schema's types.
 * @throws 400 `bad_format` for an unreadable file, `empty_file`, `no_features`; 400 `too_many_features` above `maxFeatures`.
 */
export function readInput(text: string, format: ImportFormat, schema: LayerSchema, maxFeatures: number): ReadResult {
  if (text.trim() === '') throw new HttpError(400, 'empty_file', 'the file is empty');
  const result = format === 'geojson' ? readGeojson(text) : readCsv(text, schema);
  if (result.candidates.length === 0) throw new HttpError(400, 'no_features', 'the file holds no features');
  if (result.candidates.length > maxFeatures) {
    throw new HttpError(400, 'too_many_features', `the file holds ${result.candidates.length} features; import at most ${maxFeatures} at once`);
  }
  return result;
}
