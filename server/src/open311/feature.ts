import type { Router } from 'express';
import type { Db } from '../db/database';
import { createCaseEventRepository, createCaseLocator, createCaseRepository, type CaseService, createCategoryRepository } from '../features/cases';
import type { FeatureRepository } from '../features/layers';
import { createApiKeyRepository } from './api-key-repository';
import { createRateLimiter } from './rate-limit';
import { createOpen311Router } from './router';
import { createOpen311Service } from './service';

/** Wires GeoReport v2 over the case service; returns the router to mount at `/open311/v2`. */
export function createOpen311Feature(deps: { db: Db; features: FeatureRepository; writes: Pick<CaseService, 'file'>; ratePerMinute: number }): Router {
  const { db } = deps;
  const open311 = createOpen311Service({
    cases: createCaseRepository(db),
    events: createCaseEventRepository(db),
    categories: createCategoryRepository(db),
    locator: createCaseLocator(deps.features),
    writes: deps.writes,
  });
  return createOpen311Router({ open311, keys: createApiKeyRepository(db), limiter: createRateLimiter(deps.ratePerMinute) });
}
