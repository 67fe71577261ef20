import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import { createFeatureRepository } from './feature-repository';
import { createFeatureWriteService } from './feature-write-service';
import { createLayerRepository } from './layer-repository';
import { createLayerService } from './layer-service';
import { createLayersRouter } from './router';

/** Wires the layers over one database: repositories, the read service, the write service and the `/api/layers` router. */
export function createLayersFeature(deps: {
  db: Db; audit: AuditRepository;
  /** Called after each committed feature write with the layer's new version. */
  onWrite?: (change: { layerId: string; version: number }) => void;
}) {
  const { db, audit } = deps;
  const layers = createLayerRepository(db);
  const features = createFeatureRepository(db);
  const service = createLayerService({ layers, features });
  return {
    layers, features, service,
    writes: createFeatureWriteService({ db, layers, features, audit, onChange: (c) => deps.onWrite?.(c) }),
    router: createLayersRouter(service),
  };
}
