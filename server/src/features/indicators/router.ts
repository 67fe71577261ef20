import { Router } from 'express';
import { z } from 'zod';
import type { IndicatorsAnswer } from '@shared/indicators';
import { parseQuery } from '../../validation';
import type { IndicatorRepository } from './indicator-repository';

const query = z.strictObject({ year: z.coerce.number().int().min(1949).max(2100).optional() });

/** `GET /api/indicators[?year=2011]`: the work report's figures. */
export function createIndicatorsRouter(indicators: IndicatorRepository): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { year } = parseQuery(query, req.query);
    res.json({ indicators: indicators.list(year) } satisfies IndicatorsAnswer);
  });
  return router;
}
