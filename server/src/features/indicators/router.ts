import { Router } from 'express';
import { z } from 'zod';
import { BadRequestError } from '../../errors';
import type { IndicatorRepository } from './indicator-repository';

const query = z.strictObject({ year: z.coerce.number().int().min(1949).max(2100).optional() });

/** `GET /api/indicators[?year=2011]`: the work report's figures. */
export function createIndicatorsRouter(indicators: IndicatorRepository): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success) throw new BadRequestError('invalid query', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    res.json({ indicators: indicators.list(parsed.data.year) });
  });
  return router;
}
