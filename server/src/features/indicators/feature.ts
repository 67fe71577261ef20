import type { Db } from '../../db/database';
import { createIndicatorRepository } from './indicator-repository';
import { createIndicatorsRouter } from './router';

/** Wires the statistical indicators over one database: their repository and the `/api/indicators` router. */
export function createIndicatorsFeature(deps: { db: Db }) {
  const repository = createIndicatorRepository(deps.db);
  return { repository, router: createIndicatorsRouter(repository) };
}
