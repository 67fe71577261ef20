import type { CaseReadService } from '../cases';
import type { IndicatorRepository } from '../indicators';
import type { FeatureRepository } from '../layers';
import { createOverviewService } from './overview-service';
import { createOverviewRouter } from './router';

/** Wires the leaders' overview over the case reads, the indicators and the features: the `/api/overview` router. */
export function createOverviewFeature(deps: { cases: CaseReadService; indicators: IndicatorRepository; features: FeatureRepository }) {
  return { router: createOverviewRouter(createOverviewService(deps)) };
}
