import type { Request, Response, Router } from 'express';
import { NotFoundError } from '../errors';
import type { LayerService } from '../features/layers';
import { TILE_MATRIX_SET } from '../tiles/tile-url';
import { MEDIA } from './documents';
import { TILES_REL, tileMatrixSetsDocument, tilesetDocument, tilesetsDocument, webMercatorQuad, type TilesetScope } from './tiles-documents';

function requireTileMatrixSet(id: unknown): void {
  if (id !== TILE_MATRIX_SET) throw new NotFoundError(`tile matrix set "${String(id)}" does not exist; the tiles are in ${TILE_MATRIX_SET}`);
}

function sendJson(res: Response, body: unknown): void {
  res.type(MEDIA.json).send(JSON.stringify(body));
}

/**
 * OGC API – Tiles metadata on the OGC router: the tile matrix sets, and the tilesets of each
 * collection and of the whole dataset. The tiles themselves are served by the tile fast path.
 */
export function addTilesRoutes(router: Router, layers: LayerService, baseOf: (req: Request) => string): void {
  const datasetScope = (req: Request): TilesetScope => {
    const base = baseOf(req);
    return {
      base, tilesHref: `${base}/tiles`, title: '清波一张图 Qingbo One Map', dataHref: base, dataRel: TILES_REL.dataset,
      layers: layers.list().map((layer) => ({ layer, extent: layers.extent(layer.id) })),
    };
  };
  const collectionScope = (req: Request): TilesetScope => {
    const base = baseOf(req);
    const layer = layers.require(String(req.params.id));
    const href = `${base}/collections/${layer.id}`;
    return { base, tilesHref: `${href}/tiles`, title: `${layer.title.zh} ${layer.title.en}`, dataHref: href, dataRel: TILES_REL.geodata, layers: [{ layer, extent: layers.extent(layer.id) }] };
  };

  router.get('/tileMatrixSets', (req, res) => sendJson(res, tileMatrixSetsDocument(baseOf(req))));
  router.get('/tileMatrixSets/:tileMatrixSetId', (req, res) => {
    requireTileMatrixSet(req.params.tileMatrixSetId);
    sendJson(res, webMercatorQuad(baseOf(req)));
  });
  router.get('/tiles', (req, res) => sendJson(res, tilesetsDocument(datasetScope(req))));
  router.get('/tiles/:tileMatrixSetId', (req, res) => {
    requireTileMatrixSet(req.params.tileMatrixSetId);
    sendJson(res, tilesetDocument(datasetScope(req)));
  });
  router.get('/collections/:id/tiles', (req, res) => sendJson(res, tilesetsDocument(collectionScope(req))));
  router.get('/collections/:id/tiles/:tileMatrixSetId', (req, res) => {
    const scope = collectionScope(req);
    requireTileMatrixSet(req.params.tileMatrixSetId);
    sendJson(res, tilesetDocument(scope));
  });
}

