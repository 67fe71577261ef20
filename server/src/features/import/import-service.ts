import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { IMPORT_LIMITS, type ImportCrs, type ImportFeatureReport, type ImportFormat, type ImportLimits, type ImportNote, type ImportReport } from '@shared/import';
import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import { toNewFeature, type FeatureRepository, type NewFeature, checkGeometry, checkWithin, type Layer, type LayerRepository, districtArea, writableLayer, writeProblems, type WriteRole } from '../layers';
import { toWgs84 } from './convert';
import { decodeText } from './decode';
import { detectFormat, readInput, type Candidate } from './read-input';
import { createSlicer } from './slicer';

/** Who runs an import (a signed-in user, or the command line with a null id). */
export interface ImportActor {
  id: number | null;
  username: string;
  /** Their role (`operator` on the command line): admin-only layers refuse other roles. */
  role: WriteRole;
}

/** One import request: a file's bytes (or text) for a layer. */
export interface ImportRequest {
  layerId: string;
  /** The file's bytes (decoded as UTF-8, else GB18030) or its text. */
  content: Uint8Array | string;
  fileName?: string;
  format?: ImportFormat;
  crs: ImportCrs;
  /** Report only, write nothing. */
  dryRun: boolean;
  /** Write the valid features even when others are invalid (else any invalid feature refuses all). */
  onlyValid: boolean;
}

const CRS_NAMES: Record<ImportCrs, string> = { wgs84: 'WGS84', gcj02: 'GCJ-02', bd09: 'BD-09' };

function checkCandidate(c: Candidate, layer: Layer, crs: ImportCrs, district: Feature<Polygon | MultiPolygon> | undefined): ImportFeatureReport {
  const report: ImportFeatureReport = { index: c.index, ...(c.line === undefined ? {} : { line: c.line }), ok: false, errors: c.errors, warnings: [] };
  if (!c.feature) return report;
  const geometry = toWgs84(c.feature.geometry, crs);
  if (geometry === undefined) {
    const raw = checkGeometry(c.feature.geometry, layer.geometryType);
    report.errors = raw.length ? raw : [{ path: 'geometry', message: `cannot be converted from ${CRS_NAMES[crs]}`, code: 'crsConversion', field: 'geometry', params: { crs } }];
    return report;
  }
  const feature = { type: 'Feature', geometry, properties: c.feature.properties } as Feature;
  report.feature = feature;
  report.errors = writeProblems(layer, feature, district);
  if (report.errors.length === 0 && district && !layer.options.withinDistrict) {
    report.warnings = checkWithin(feature.geometry as Geometry, district);
  }
  report.ok = report.errors.length === 0;
  return report;
}

/**
 * Imports features into a layer from a GeoJSON or CSV file: reads, converts coordinates from
 * WGS84 / GCJ-02 / BD-09 to WGS84, validates every feature as OGC API Part 4 writes do (and warns
 * about features outside the district for layers that may reach beyond it), and reports per
 * feature. Unless a dry run, stores the valid features in one transaction with one audit entry:
 * all of them when every feature is valid, or (with `onlyValid`) just the valid ones. Reading and
 * validation yield to the event loop every few milliseconds and stop at the first limit passed
 * (`IMPORT_LIMITS`, or `limits`).
 */
export function createImportService(deps: {
  db: Db; layers: LayerRepository; features: FeatureRepository; audit: AuditRepository;
  /** Called after a committed import with the layer's new version (for live updates). */
  onChange?: (change: { layerId: string; version: number }) => void;
  limits?: Partial<ImportLimits>;
}) {
  const { db, layers, features, audit } = deps;
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...deps.limits };

  function store(layer: Layer, rows: readonly NewFeature[], skipped: number, req: ImportRequest, format: ImportFormat, actor: ImportActor): number[] {
    return db.transaction(() => {
      const now = new Date().toISOString();
      const ids = features.insertMany(rows, now);
      audit.record({
        userId: actor.id, username: actor.username, action: 'import', entity: `feature:${layer.id}`,
        entityId: ids.length === 1 ? String(ids[0]) : `${ids[0]}-${ids[ids.length - 1]}`,
        summary: { count: ids.length, skipped, format, crs: req.crs, ...(req.fileName ? { file: req.fileName } : {}) },
      }, now);
      return ids;
    })();
  }

  return {
    /** Runs an import (or its dry run) and reports on every feature; see `ImportReport.committed`. */
    async run(req: ImportRequest, actor: ImportActor): Promise<ImportReport> {
      const slicer = createSlicer();
      const layer = writableLayer(layers, req.layerId, actor.role);
      const notes: ImportNote[] = [];
      let text: string;
      if (typeof req.content === 'string') text = req.content.replace(/^\uFEFF/, '');
      else {
        const decoded = await decodeText(req.content, slicer);
        text = decoded.text;
        const encoding = decoded.encoding.toUpperCase();
        if (decoded.encoding !== 'utf-8') notes.push({ code: 'encoding', message: `the file is not UTF-8: read as ${encoding}`, params: { encoding } });
      }
      const format = detectFormat(text, req.format, req.fileName);
      await slicer.pause();
      const read = await readInput(text, format, layer.schema, limits, slicer);
      notes.push(...read.notes);
      const district = districtArea(features);
      const reports: ImportFeatureReport[] = [];
      for (const c of read.candidates) {
        reports.push(checkCandidate(c, layer, req.crs, district));
        await slicer.pause();
      }
      const valid = reports.filter((r) => r.ok);
      const invalid = reports.length - valid.length;
      const commit = !req.dryRun && valid.length > 0 && (invalid === 0 || req.onlyValid);
      const rows: NewFeature[] = [];
      for (const r of commit ? valid : []) {
        rows.push(toNewFeature(layer, r.feature as Feature<Geometry>));
        await slicer.pause();
      }
      const ids = commit ? store(layer, rows, invalid, req, format, actor) : [];
      const layerVersion = layers.get(layer.id)?.version ?? layer.version;
      if (commit) deps.onChange?.({ layerId: layer.id, version: layerVersion });
      return {
        layerId: layer.id, format, crs: req.crs, dryRun: req.dryRun, onlyValid: req.onlyValid, committed: commit,
        totals: { features: reports.length, valid: valid.length, invalid, withWarnings: reports.filter((r) => r.warnings.length > 0).length, imported: ids.length },
        ids, layerVersion, notes: notes.map((n) => n.message), noteDetails: notes, features: reports,
      };
    },
  };
}

/** The import service's interface. */
export type ImportService = ReturnType<typeof createImportService>;
