import { Router } from 'express';
import { overviewQuery } from '@shared/overview';
import { parseQuery } from '../../validation';
import type { OverviewService } from './overview-service';

/** `GET /api/overview[?community=<12-digit code>]`: the leaders' screen in one answer. */
export function createOverviewRouter(overview: OverviewService): Router {
  const router = Router();
  router.get('/', (req, res) => {
    res.json(overview.overview(parseQuery(overviewQuery, req.query)));
  });
  return router;
}
