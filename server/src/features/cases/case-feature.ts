import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit';
import type { Calendar } from '../calendar';
import { createDistrictArea, type FeatureRepository, type LayerRepository } from '../layers';
import { createCaseEventRepository } from './case-event-repository';
import { createCaseLayerWriter } from './case-layer';
import { createCaseLocator } from './case-location';
import { createCaseReadService } from './case-read-service';
import { createCaseRepository } from './case-repository';
import { createCaseService, type CaseChange } from './case-service';
import { createCategoryRepository } from './category-repository';
import { createCategoryService } from './category-service';
import { createPhotoFiles } from './photo-files';
import { createPhotoRepository } from './photo-repository';
import { createPhotoService } from './photo-service';
import type { PhotoWriter, Uploads } from '../photos';
import { createPhotosRouter } from './photo-router';
import { createCasesRouter } from './router';

/** What the case feature needs: the database, the layer repositories, the audit log, the working calendar and the upload folder. */
export interface CaseFeatureDeps {
  db: Db;
  layers: LayerRepository;
  features: FeatureRepository;
  audit: AuditRepository;
  /** The district's working calendar (the calendar feature). */
  calendar: Calendar;
  /** Folder of uploaded photos (`DATA_DIR/uploads`). */
  uploadDir: string;
  onChange?: (change: CaseChange) => void;
  /** File operations of the photo store (the real file system by default). */
  photoWriter?: PhotoWriter;
}

/** The case feature's public services (what `createCaseFeature` returns). */
export type CaseFeature = ReturnType<typeof createCaseFeature>;

/** Wires the case repositories and services over one database. */
export function createCaseFeature(deps: CaseFeatureDeps) {
  const { db, audit, calendar } = deps;
  const cases = createCaseRepository(db);
  const events = createCaseEventRepository(db);
  const categories = createCategoryRepository(db);
  const photoRepository = createPhotoRepository(db);
  const locator = createCaseLocator(deps.features, createDistrictArea(db, deps.features));
  const layer = createCaseLayerWriter({ layers: deps.layers, features: deps.features });
  const photos = createPhotoService({ db, cases, photos: photoRepository, files: createPhotoFiles(deps.uploadDir, deps.photoWriter), audit, calendar });
  const services = {
    reads: createCaseReadService({ cases, events, categories, calendar, locator, photos }),
    writes: createCaseService({
      db, cases, events, categories, calendar, locator, layer, audit, onChange: deps.onChange,
      photos: { countSince: photoRepository.countSince, store: photos.store },
    }),
    categories: createCategoryService({ db, categories, audit }),
    photos,
  };
  return {
    ...services,
    /** The routers to mount at `/api/cases` and `/api/photos`, taking uploads through the app's gates. */
    routers: (uploads: Uploads) => ({ cases: createCasesRouter({ ...services, uploads }), photos: createPhotosRouter(photos, uploads) }),
    /** The case records, their history, the catalogue and the locator, for gateways that read cases in their own shape (Open311). */
    records: { cases, events, categories, locator },
  };
}
