import { Router, type Request } from 'express';
import { BadRequestError, NotFoundError } from '../errors';
import type { LayerService } from '../features/layers';
import type { TileService } from './tile-service';
import { TILE_LIMITS, tileFields } from './tile-features';
import { CELL_SIZE, RAW_POINT_LIMIT } from './point-tiles';
import { MIN_ZOOM } from './tile-math';
import { MAX_LAYER_LIST_LENGTH, MAX_LAYERS_PER_REQUEST, parseLayerList } from './layer-list';

/** What TileJSON says happens to dense tiles. */
export const TILE_LIMITS_NOTE = `Point layers: a tile carries every point while its point layers have at most ${RAW_POINT_LIMIT} in it together (and they fit the byte limit); ` +
  `past that the remaining layers carry one point per ${CELL_SIZE}-unit cell at the mean position of its points, with point_count and cluster=true. ` +
  `No tile holds more than ${TILE_LIMITS.maxFeaturesPerLayer} features per layer or ${TILE_LIMITS.maxBytes / 1024} KB: past that the smallest features are dropped.`;

/**
 * Highest zoom TileJSON advertises: clients over-zoom from there (a z17 tile unit
 * is about 3 cm here), though the server answers tiles up to MAX_ZOOM.
 */
export const TILEJSON_MAX_ZOOM = 17;

/** One short attribution for a set of layers: the common demo notice once, not each layer's text. */
export function shortAttribution(attributions: string[]): string {
  const unique = [...new Set(attributions.filter(Boolean))];
  if (unique.length <= 1) return unique[0] ?? '';
  if (unique.some((a) => a.includes('演示数据'))) return '演示数据 Demo data · 清波一张图 Qingbo One Map (per-layer sources: /api/layers)';
  return unique.join(' · ');
}

/** TileJSON 3.0 documents at `/tiles/{layer[,layer…]}.json`. */
export function createTilesRouter(deps: { tiles: TileService; layers: LayerService; publicBaseUrl?: string }): Router {
  const router = Router();
  const baseOf = (req: Request) => deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;

  router.get('/:layers.json', (req, res) => {
    const list = parseLayerList(req.params.layers);
    if (!list.ok) throw new BadRequestError(list.message, { maxLayers: MAX_LAYERS_PER_REQUEST, maxListLength: MAX_LAYER_LIST_LENGTH });
    const { ids } = list;
    const resolved = deps.tiles.versions(ids);
    if (!resolved.ok) throw new NotFoundError(`layer "${resolved.unknown}" does not exist`);
    const layers = ids.map((id) => ({ layer: deps.layers.require(id), extent: deps.layers.extent(id) }));
    const boxes = layers.map((l) => l.extent.bbox).filter((b) => b !== undefined);
    const bounds = boxes.length
      ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
      : [-180, -85.0511, 180, 85.0511];
    res.setHeader('Cache-Control', 'no-cache');
    res.json({
      tilejson: '3.0.0',
      name: layers.map((l) => l.layer.title.zh).join('、'),
      description: `${layers.map((l) => l.layer.title.en).join(', ')}. ${TILE_LIMITS_NOTE}`,
      version: '1.0.0',
      attribution: shortAttribution(layers.map((l) => l.layer.attribution)),
      scheme: 'xyz',
      tiles: [`${baseOf(req)}/tiles/${ids.join(',')}/{z}/{x}/{y}.mvt?v=${resolved.versions.join(',')}`],
      minzoom: MIN_ZOOM,
      maxzoom: TILEJSON_MAX_ZOOM,
      bounds,
      center: [(bounds[0]! + bounds[2]!) / 2, (bounds[1]! + bounds[3]!) / 2, 15],
      vector_layers: layers.map(({ layer }) => ({
        id: layer.id,
        description: `${layer.title.zh} ${layer.title.en}`,
        minzoom: MIN_ZOOM,
        maxzoom: TILEJSON_MAX_ZOOM,
        fields: {
          ...tileFields(layer.schema),
          ...(layer.geometryType === 'Point' ? { point_count: 'Number', cluster: 'Boolean' } : {}),
        },
      })),
    });
  });
  return router;
}
