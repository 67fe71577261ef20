import type { ImportFormat, ImportLimits, ImportNote, ImportProblem } from '@shared/import';
import type { LayerSchema } from '@shared/layers';
import { HttpError } from '../../errors';
import { coordinateCell, recordProperties } from './coerce';
import { COORDINATE_COLUMNS, csvRecords, csvText, detectColumns, type CsvRecord } from './csv';
import { scanFeatures } from './geojson-scan';
import type { Slicer } from './slicer';

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
  notes: ImportNote[];
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

const tooManyFeatures = (limit: number) =>
  new HttpError(400, 'too_many_features', `the file holds more than ${limit} features; import at most ${limit} at once`, { limit });

const kb = (chars: number) => `${Math.ceil(chars / 1024)} KB`;

/** Counts the positions (vertices) of the features read, refusing the file as soon as they pass the budget. */
function vertexBudget(limit: number) {
  let total = 0;
  return (geometry: unknown): void => {
    total += countPositions(geometry);
    if (total > limit) {
      throw new HttpError(400, 'too_many_vertices', `the file holds more than ${limit} positions (vertices) in all; import at most ${limit} at once`, { limit });
    }
  };
}

/** Nesting of arrays worth walking: a MultiPolygon's positions sit 4 levels down. */
const MAX_WALK_DEPTH = 6;

/** The positions in a geometry's coordinates (arrays that start with a number), walked without recursion. */
export function countPositions(geometry: unknown): number {
  const g = geometry as { coordinates?: unknown; geometries?: unknown } | null;
  if (!g || typeof g !== 'object') return 0;
  const stack: [unknown, number][] = [[g.coordinates, 0]];
  if (Array.isArray(g.geometries)) for (const part of g.geometries as unknown[]) stack.push([(part as { coordinates?: unknown } | null)?.coordinates, 1]);
  let count = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!Array.isArray(value)) continue;
    if (typeof value[0] === 'number') count++;
    else if (depth < MAX_WALK_DEPTH) for (const item of value) stack.push([item, depth + 1]);
  }
  return count;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badFormat(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function geojsonCandidate(item: unknown, index: number, countVertices: (geometry: unknown) => void): Candidate {
  const f = item as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
  if (!f || typeof f !== 'object' || f.type !== 'Feature') return { index, errors: [{ path: 'type', message: 'not a GeoJSON Feature', code: 'notFeature' }] };
  countVertices(f.geometry);
  return { index, feature: { type: 'Feature', geometry: f.geometry ?? null, properties: withoutNulls(f.properties) }, errors: [] };
}

async function readGeojson(text: string, limits: ImportLimits, slicer: Slicer): Promise<ReadResult> {
  const scan = await scanFeatures(text, limits, slicer);
  if ('kind' in scan) {
    if (scan.kind === 'too_many') throw tooManyFeatures(limits.maxFeatures);
    throw new HttpError(400, 'feature_too_large', `feature ${scan.index} has ${kb(scan.chars)} of text; one feature may have at most ${kb(limits.maxFeatureChars)}`, { index: scan.index, limit: limits.maxFeatureChars });
  }
  if (scan.skeleton.length > limits.maxFeatureChars) {
    throw new HttpError(400, 'feature_too_large', `the file has ${kb(scan.skeleton.length)} outside a FeatureCollection's "features"; a single Feature (or the rest of a FeatureCollection) may have at most ${kb(limits.maxFeatureChars)}`, { limit: limits.maxFeatureChars });
  }
  const root = parseJson(scan.skeleton, 'the file') as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } } | null;
  const type = root && typeof root === 'object' ? root.type : undefined;
  const isCollection = type === 'FeatureCollection' && Array.isArray(root!.features);
  if (!isCollection && type !== 'Feature') throw badFormat(`expected a GeoJSON FeatureCollection or Feature, got ${type === undefined ? 'something else' : `"${String(type)}"`}`);
  const notes: ImportNote[] = [];
  const named = root!.crs?.properties?.name;
  if (typeof named === 'string' && !/CRS84|4326/.test(named)) {
    notes.push({ code: 'crsIgnored', message: `the file's "crs" member (${named}) is ignored: coordinates are read in the chosen coordinate system`, params: { crs: named.slice(0, 100) } });
  }
  const countVertices = vertexBudget(limits.maxVertices);
  if (!isCollection) return { candidates: [geojsonCandidate(root, 0, countVertices)], notes };
  const candidates: Candidate[] = [];
  for (const [index, [start, end]] of scan.spans.entries()) {
    candidates.push(geojsonCandidate(parseJson(text.slice(start, end), `feature ${index}`), index, countVertices));
    await slicer.pause();
  }
  return { candidates, notes };
}

async function readCsv(input: string, schema: LayerSchema, limits: ImportLimits, slicer: Slicer): Promise<ReadResult> {
  const { text, delimiter } = csvText(input);
  const records = csvRecords(text, delimiter);
  const next = (): CsvRecord | undefined => {
    try {
      return records.next().value ?? undefined;
    } catch (err) {
      throw badFormat(`the CSV cannot be read: ${(err as Error).message}`);
    }
  };
  const header = (next()?.cells ?? []).map((h) => h.trim());
  const cols = detectColumns(header);
  const hasPoint = cols.lon >= 0 && cols.lat >= 0;
  if (!hasPoint && cols.geometry < 0) {
    throw badFormat(`no coordinate columns: name them ${COORDINATE_COLUMNS.lon.join('/')} and ${COORDINATE_COLUMNS.lat.join('/')}, or give a GeoJSON "geometry" column`);
  }
  const idCol = header.findIndex((h) => h.toLowerCase() === 'id');
  const skip = new Set([cols.lon, cols.lat, cols.geometry, idCol].filter((i) => i >= 0));
  const notes: ImportNote[] = idCol >= 0 ? [{ code: 'idIgnored', message: 'the "id" column is ignored: imported features get new ids' }] : [];
  const unknown = header.filter((h, i) => !skip.has(i) && h !== '' && !(h in schema.properties));
  if (unknown.length && schema.additionalProperties === false) notes.push({ code: 'unknownColumns', message: `columns not in the layer's schema: ${unknown.join(', ')}`, params: { columns: unknown.join(', ') } });
  const countVertices = vertexBudget(limits.maxVertices);
  const candidates: Candidate[] = [];
  for (let record = next(); record; record = next()) {
    if (candidates.length === limits.maxFeatures) throw tooManyFeatures(limits.maxFeatures);
    candidates.push(csvCandidate(record, candidates.length, { header, cols, hasPoint, skip, schema, countVertices, maxFeatureChars: limits.maxFeatureChars }));
    await slicer.pause();
  }
  return { candidates, notes };
}

interface CsvColumns {
  header: string[];
  cols: ReturnType<typeof detectColumns>;
  hasPoint: boolean;
  skip: ReadonlySet<number>;
  schema: LayerSchema;
  maxFeatureChars: number;
  countVertices: (geometry: unknown) => void;
}

function csvCandidate({ line, cells }: CsvRecord, index: number, c: CsvColumns): Candidate {
  const { header, cols } = c;
  const properties = recordProperties(header, cells, c.schema, c.skip);
  const geometryText = cols.geometry >= 0 ? cells[cols.geometry]?.trim() : '';
  if (geometryText) {
    if (geometryText.length > c.maxFeatureChars) return { index, line, errors: [{
      path: 'geometry', message: `the geometry column has ${kb(geometryText.length)}; at most ${kb(c.maxFeatureChars)}`,
      code: 'geometryColumnTooLarge', field: 'geometry', params: { size: kb(geometryText.length), limit: kb(c.maxFeatureChars) },
    }] };
    let geometry: unknown;
    try {
      geometry = JSON.parse(geometryText);
    } catch {
      return { index, line, errors: [{ path: 'geometry', message: 'the geometry column is not GeoJSON', code: 'geometryColumnNotGeoJson', field: 'geometry' }] };
    }
    c.countVertices(geometry);
    return { index, line, feature: { type: 'Feature', geometry, properties }, errors: [] };
  }
  if (!c.hasPoint) return { index, line, errors: [{ path: 'geometry', message: 'the geometry column is empty', code: 'geometryColumnEmpty', field: 'geometry' }] };
  const lon = coordinateCell(cells[cols.lon], header[cols.lon]!);
  const lat = coordinateCell(cells[cols.lat], header[cols.lat]!);
  const errors = [lon, lat].filter((v): v is ImportProblem => typeof v !== 'number');
  if (errors.length) return { index, line, errors };
  c.countVertices({ type: 'Point', coordinates: [lon, lat] });
  return { index, line, feature: { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }, errors: [] };
}

/**
 * Reads the features of a GeoJSON (FeatureCollection or Feature) or CSV text, yielding to the
 * event loop as it goes. CSV coordinates come from lon/lat columns (or a GeoJSON `geometry`
 * column, as the export writes), the other columns become properties coerced to the layer
 * schema's types. Features are counted while reading: the file is refused as soon as it passes a limit.
 * @throws 400 `bad_format` for an unreadable file, `empty_file`, `no_features`; 400 `too_many_features`,
 * `too_many_vertices` or `feature_too_large` past `limits`.
 */
export async function readInput(text: string, format: ImportFormat, schema: LayerSchema, limits: ImportLimits, slicer: Slicer): Promise<ReadResult> {
  if (!/\S/.test(text)) throw new HttpError(400, 'empty_file', 'the file is empty');
  const result = format === 'geojson' ? await readGeojson(text, limits, slicer) : await readCsv(text, schema, limits, slicer);
  if (result.candidates.length === 0) throw new HttpError(400, 'no_features', 'the file holds no features');
  return result;
}
