import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import type { Calendar } from '../calendar';
import type { FeatureRepository, LayerRepository } from '../layers';
import type { PhotoWriter, Uploads } from '../photos';
import { createFeaturePhotoRepository } from './feature-photo-repository';
import { createFeaturePhotoService } from './feature-photo-service';
import { createFeaturePhotosRouter } from './router';

/** What the feature photos need: the database, the layer repositories, the audit log, the upload folder and the district's calendar. */
export interface FeaturePhotosDeps {
  db: Db;
  layers: LayerRepository;
  features: FeatureRepository;
  audit: AuditRepository;
  uploadDir: string;
  photoWriter?: PhotoWriter;
  /** The app's upload gates. */
  uploads: Uploads;
  /** The district's working calendar (the calendar feature): EXIF times are read in its UTC offset. */
  calendar: Calendar;
}

/**
 * Wires the feature photo repository and service over one database (EXIF times read in the
 * district's calendar offset), removes photo files that no row refers to (e.g. after a re-seed), and
 * returns the service with its router (mounted under `/api/layers`).
 */
export function createFeaturePhotos({ calendar, uploads, ...deps }: FeaturePhotosDeps) {
  const service = createFeaturePhotoService({
    ...deps,
    photos: createFeaturePhotoRepository(deps.db),
    utcOffsetMinutes: () => calendar.load().offsetMinutes,
  });
  service.pruneAll();
  return { service, router: createFeaturePhotosRouter(service, uploads) };
}
