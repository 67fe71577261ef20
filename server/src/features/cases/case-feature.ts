import type { Db } from '../../db/database';
import type { AuditRepository } from '../audit/audit-repository';
import type { FeatureRepository } from '../layers/feature-repository';
import type { LayerRepository } from '../layers/layer-repository';
import { createCaseEventRepository } from './case-event-repository';
import { createCaseLayerWriter } from './case-layer';
import { createCaseLocator } from './case-location';
import { createCaseReadService } from './case-read-service';
import { createCaseRepository } from './case-repository';
import { createCaseService, type CaseChange } from './case-service';
import { createCategoryRepository } from './category-repository';
import { createCategoryService } from './category-service';

/** Wires the case repositories and services over one database. */
export function createCaseFeature(deps: { db: Db; layers: LayerRepository; features: FeatureRepository; audit: AuditRepository; onChange?: (change: CaseChange) => void }) {
  const { db, audit } = deps;
  const cases = createCaseRepository(db);
  const events = createCaseEventRepository(db);
  const categories = createCategoryRepository(db);
  const locator = createCaseLocator(deps.features);
  const layer = createCaseLayerWriter({ layers: deps.layers, features: deps.features });
  return {
    reads: createCaseReadService({ cases, events, categories, locator }),
    writes: createCaseService({ db, cases, events, categories, locator, layer, audit, onChange: deps.onChange }),
    categories: createCategoryService({ db, categories, audit }),
  };
}

/** The case feature's services. */
export type CaseFeature = ReturnType<typeof createCaseFeature>;
