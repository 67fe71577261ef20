import { Router } from 'express';
import type { LayersAnswer } from '@shared/layers';
import type { LayerService } from './layer-service';

/** `GET /api/layers`: the layer catalogue with styles, schemas and extents. */
export function createLayersRouter(layers: LayerService): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ layers: layers.infos() } satisfies LayersAnswer);
  });
  return router;
}
