import { Router, type Request } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import { parseQuery } from '../validation';
import type { LayerService } from '../features/layers';
import { buildStyle, STYLE_NAMES, type StyleName } from './style';
import type { RasterBasemap } from './raster-basemaps';

const query = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh') });

/** `GET /styles/{console|overview}.json[?lang=en]`: MapLibre styles over this server's tiles. */
export function createStylesRouter(deps: { layers: LayerService; basemap: RasterBasemap; tiandituKey?: string; publicBaseUrl?: string }): Router {
  const router = Router();
  const baseOf = (req: Request) => deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
  router.get('/:name.json', (req, res) => {
    const { name } = req.params;
    if (!(STYLE_NAMES as readonly string[]).includes(name)) throw new NotFoundError(`style "${name}" does not exist; styles are ${STYLE_NAMES.join(', ')}`);
    const { lang } = parseQuery(query, req.query);
    const layers = deps.layers.list();
    const boundary = layers.find((l) => l.id === 'district-boundary');
    res.setHeader('Cache-Control', 'no-cache');
    res.json(buildStyle({
      name: name as StyleName, layers, baseUrl: baseOf(req), lang, basemap: deps.basemap, tiandituKey: deps.tiandituKey,
      bounds: boundary ? deps.layers.extent(boundary.id).bbox : undefined,
    }));
  });
  return router;
}
