import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import type { FeatureRepository, LayerRepository } from '../layers';
import type { Uploads } from '../photos';
import { createImportService } from './import-service';
import { createImportRouter } from './router';

/** Wires layer imports (GeoJSON, CSV) over one database: the import service and its router under `/api/layers`. */
export function createImportFeature(deps: {
  db: Db; layers: LayerRepository; features: FeatureRepository; audit: AuditRepository; uploads: Uploads;
  /** Called after a committed import with the layer's new version. */
  onChange?: (change: { layerId: string; version: number }) => void;
}) {
  const { uploads, ...rest } = deps;
  const service = createImportService(rest);
  return { service, router: createImportRouter(service, uploads) };
}
