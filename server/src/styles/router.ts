import { Router, type Request } from 'express';
import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../errors';
import type { LayerService } from '../features/layers/layer-service';
import { buildStyle, STYLE_NAMES, type StyleName } from './style';
import type { RasterBasemap } from './raster-basemaps';

const query = z.strictObject({ lang: z.enum(['zh', 'en']).default('zh') });

/** `GET /styles/{console|overview}.json[?lang=en]`: MapLibre styles over this server's tiles. */
export function createStylesRouter(deps: { layers: LayerService; basemap: RasterBasemap; tiandituKey?: string; publicBaseUrl?: string }): Router {
  const router = Router();
  const baseOf = (req: Request) => deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
  router.get(/^\/([^/]+)\.json$/, (req, res) => {
    const name = String((req.params as Record<string, string>)[0]);
    if (!(STYLE_NAMES as readonly string[]).includes(name)) throw new NotFoundError(`style "${name}" does not exist; styles are ${STYLE_NAMES.join(', ')}`);
    const parsed = query.safeParse(req.query);
    if (!parsed.success) throw new BadRequestError('invalid query', parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })));
    const layers = deps.layers.list();
    const boundary = layers.find((l) => l.id === 'district-boundary');
    res.setHeader('Cache-Control', 'no-cache');
    res.json(buildStyle({
      name: name as StyleName, layers, baseUrl: baseOf(req), lang: parsed.data.lang, basemap: deps.basemap, tiandituKey: deps.tiandituKey,
      bounds: boundary ? deps.layers.extent(boundary.id).bbox : undefined,
    }));
  });
  return router;
}
