import type { Layer } from '../features/layers/layer-repository';
import type { TileRepository } from './tile-repository';
import { BUFFER, EXTENT, tileBounds, toTileCoords, type TileAddress } from './tile-math';
import { pickTags, tilePropertyNames, type TileFeature } from './tile-features';

/** Most raw points in one tile of one layer; denser tiles are aggregated into cells. */
export const RAW_POINT_LIMIT = 15_000;
/** Cell size of aggregated tiles, in tile units (64 of 4096: a 64 × 64 grid). */
export const CELL_SIZE = 64;

/**
 * Point features of a layer in one tile, straight from the R*Tree: every point
 * while there are at most RAW_POINT_LIMIT, else one point per grid cell at the
 * cell's mean position with `point_count` (and `cluster: true`).
 */
export function pointTileFeatures(repo: TileRepository, layer: Layer, tile: TileAddress): TileFeature[] {
  const bounds = tileBounds(tile, BUFFER);
  const rows = repo.points(layer.id, bounds, RAW_POINT_LIMIT + 1);
  if (rows.length <= RAW_POINT_LIMIT) {
    const names = tilePropertyNames(layer.schema);
    return rows.map((r) => ({
      id: r.id,
      type: 1,
      geometry: [toTileCoords(r.x, r.y, tile)],
      tags: pickTags(JSON.parse(r.properties) as Record<string, unknown>, names),
    }));
  }
  const grid = (EXTENT + 2 * BUFFER) / CELL_SIZE;
  return repo.cells(layer.id, bounds, grid).map((c) => ({
    type: 1,
    geometry: [toTileCoords(c.x, c.y, tile)],
    tags: { point_count: c.n, cluster: true },
  }));
}
