import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import { loadCalendar, createCategoryRepository } from '../cases';
import type { FeatureRepository, LayerRepository } from '../layers';
import type { PhotoWriter } from '../photos';
import { createFeaturePhotoRepository } from './feature-photo-repository';
import { createFeaturePhotoService } from './feature-photo-service';

/**
 * Wires the feature photo repository and service over one database (EXIF times read in the
 * district's calendar offset) and removes photo files that no row refers to (e.g. after a re-seed).
 */
export function createFeaturePhotos(deps: { db: Db; layers: LayerRepository; features: FeatureRepository; audit: AuditRepository; uploadDir: string; photoWriter?: PhotoWriter }) {
  const categories = createCategoryRepository(deps.db);
  const service = createFeaturePhotoService({
    ...deps,
    photos: createFeaturePhotoRepository(deps.db),
    utcOffsetMinutes: () => loadCalendar(categories).offsetMinutes,
  });
  service.pruneAll();
  return service;
}
