import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HttpError } from '../../errors';
import { createWorkGate, type WorkGate } from '../photos';
import { fieldNamesText, shapefileFieldNames } from './field-names';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat } from './formats';
import { findExecutable, runOgr2ogr } from './ogr2ogr';
import { zipFiles } from './zip';

/** What the export service is built with. */
export interface ExportDeps {
  /** The ogr2ogr executable; found on `PATH` when undefined; `null` for none (every export answers 501). */
  ogr2ogr?: string | null;
  /** Bounds of the work: one export at a time, a short queue, then 503 with Retry-After. */
  gate?: WorkGate;
  /** How long one ogr2ogr run may take before it is killed. */
  timeoutMs?: number;
  /** Where temporary folders are made (the system's by default). */
  tmpDir?: string;
}

/** What to export: a name (file and layer), the property names in order with their titles, and the features as GeoJSON text. */
export interface ExportInput {
  name: string;
  properties: readonly string[];
  titles?: Readonly<Record<string, string | undefined>>;
  features: () => Iterable<string>;
}

/** A written download: its file, media type and file name; `dispose` removes it and frees the slot. */
export interface ExportFile {
  file: string;
  size: number;
  mediaType: string;
  filename: string;
  dispose(): Promise<void>;
}

/** ogr2ogr's list types become JSON text: neither format holds lists as fields. */
const LIST_TYPES = 'StringList=String,IntegerList=String,Integer64List=String,RealList=String';
const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'];

/** The field that keeps a feature's id in a shapefile (whose own record numbers start again at 0), unless a property has its name. */
export const FEATURE_ID_FIELD = 'feature_id';

/** A feature's properties renamed to shapefile field names, lists and objects as JSON text, its id kept in {@link FEATURE_ID_FIELD}. */
function shapefileFeature(text: string, names: ReadonlyMap<string, string>, withId: boolean): string {
  const f = JSON.parse(text) as { id?: unknown; geometry: unknown; properties: Record<string, unknown> | null };
  const properties: Record<string, unknown> = withId ? { [FEATURE_ID_FIELD]: f.id } : {};
  for (const [key, value] of Object.entries(f.properties ?? {})) {
    const short = names.get(key);
    if (short === undefined) continue;
    properties[short] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  }
  return JSON.stringify({ type: 'Feature', geometry: f.geometry, properties });
}

function* collection(features: Iterable<string>, map?: (text: string) => string): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for (const text of features) {
    yield `${first ? '' : ',\n'}${map ? map(text) : text}`;
    first = false;
  }
  yield '\n]}\n';
}

/**
 * Writes GeoPackages and zipped shapefiles with GDAL's ogr2ogr (run as a child process with a
 * timeout, in a temporary folder removed afterwards; the input written as a GeoJSON file), one
 * export at a time. Without ogr2ogr every export is a 501 naming what is missing.
 */
export function createExportService(deps: ExportDeps = {}) {
  const executable = deps.ogr2ogr === undefined ? findExecutable('ogr2ogr') : deps.ogr2ogr ?? undefined;
  const gate = deps.gate ?? createWorkGate({ concurrency: 1, queue: 2, retryAfterSeconds: 10, work: 'exports' });
  const timeoutMs = deps.timeoutMs ?? 120_000;

  async function write(format: ExportFormat, input: ExportInput, dir: string): Promise<string> {
    const source = path.join(dir, 'input.geojson');
    const info = EXPORT_FORMAT_INFO[format];
    const common = ['-f', info.driver, '-a_srs', 'EPSG:4326', '-nln', input.name, '-mapFieldType', LIST_TYPES];
    if (format === 'gpkg') {
      await fs.writeFile(source, collection(input.features()));
      const out = path.join(dir, `${input.name}.gpkg`);
      await runOgr2ogr(executable!, [...common, '-preserve_fid', out, source], timeoutMs);
      return out;
    }
    const withId = !input.properties.includes(FEATURE_ID_FIELD);
    const names = shapefileFieldNames(withId ? [FEATURE_ID_FIELD, ...input.properties] : input.properties);
    await fs.writeFile(source, collection(input.features(), (t) => shapefileFeature(t, names, withId)));
    const shapes = path.join(dir, 'shp');
    await runOgr2ogr(executable!, [...common, '-lco', 'ENCODING=UTF-8', shapes, source], timeoutMs);
    const parts = await Promise.all(SHAPEFILE_PARTS.map(async (ext) => ({ name: `${input.name}.${ext}`, data: await fs.readFile(path.join(shapes, `${input.name}.${ext}`)) })));
    const zip = await zipFiles([...parts, { name: `${input.name}.fields.txt`, data: Buffer.from(fieldNamesText(names, { ...(withId ? { [FEATURE_ID_FIELD]: 'feature id in the collection / 要素编号' } : {}), ...input.titles }), 'utf8') }]);
    const out = path.join(dir, `${input.name}.shp.zip`);
    await fs.writeFile(out, zip);
    return out;
  }

  return {
    /** The formats this server can write now (none without ogr2ogr). */
    formats: (): readonly ExportFormat[] => (executable ? EXPORT_FORMATS : []),

    /**
     * Writes one download. 501 when ogr2ogr is missing; 503 with Retry-After when another export
     * runs and the queue is full. The caller streams `file`, then calls `dispose`.
     */
    async export(format: ExportFormat, input: ExportInput): Promise<ExportFile> {
      if (!executable) throw new HttpError(501, 'export_unavailable', `${EXPORT_FORMAT_INFO[format].title} downloads need GDAL's ogr2ogr, which this server does not have (install gdal-bin); GeoJSON (f=json) is always available`);
      const release = await gate.acquire();
      let dir: string | undefined;
      const dispose = async () => {
        release();
        if (dir) await fs.rm(dir, { recursive: true, force: true });
      };
      try {
        dir = await fs.mkdtemp(path.join(deps.tmpDir ?? os.tmpdir(), 'qingbo-export-'));
        const file = await write(format, input, dir);
        const { size } = await fs.stat(file);
        const info = EXPORT_FORMAT_INFO[format];
        return { file, size, mediaType: info.mediaType, filename: `${input.name}.${info.extension}`, dispose };
      } catch (err) {
        await dispose();
        throw err;
      }
    },
  };
}

/** The export service's interface. */
export type ExportService = ReturnType<typeof createExportService>;
