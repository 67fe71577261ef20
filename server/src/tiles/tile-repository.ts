import type { Db } from '../db/database';

/** [west, south, east, north] in lon/lat. */
export type Bounds = [number, number, number, number];

/** A point of a layer with its raw properties JSON. */
export interface PointRow {
  id: number;
  x: number;
  y: number;
  properties: string;
}

/** One aggregation cell: its count and the mean position of its points. */
export interface CellRow {
  n: number;
  x: number;
  y: number;
}

/** SQL reads behind the tile server. */
export function createTileRepository(db: Db) {
  const version = db.prepare<[string], { version: number }>('SELECT version FROM layers WHERE id = ?');
  const points = db.prepare<[number, number, number, number, string, number], PointRow>(`
    SELECT r.id AS id, r.x AS x, r.y AS y, f.properties AS properties
    FROM features_rtree r JOIN features f ON f.id = r.id
    WHERE r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ? AND r.layer_id = ?
    LIMIT ?`);
  const cells = db.prepare<Record<string, number | string>, CellRow>(`
    SELECT count(*) AS n, avg(x) AS x, avg(y) AS y
    FROM features_rtree
    WHERE max_x >= @west AND min_x <= @east AND max_y >= @south AND min_y <= @north AND layer_id = @layer
    GROUP BY CAST((x - @west) * @kx AS INTEGER), CAST((@north - y) * @ky AS INTEGER)`);
  const all = db.prepare<[string], { id: number; geometry: string; properties: string }>(
    'SELECT id, geometry, properties FROM features WHERE layer_id = ? ORDER BY id',
  );

  return {
    /** The layer's current version, or undefined for an unknown layer. */
    version: (layerId: string): number | undefined => version.get(layerId)?.version,
    /** Up to `limit` points of a layer whose bbox meets the bounds. */
    points: (layerId: string, [w, s, e, n]: Bounds, limit: number): PointRow[] => points.all(w, e, s, n, layerId, limit),
    /** Points of a layer within the bounds, counted per cell of a `cells` × `cells` grid (linear in lon/lat). */
    cells(layerId: string, [west, south, east, north]: Bounds, grid: number): CellRow[] {
      return cells.all({ west, south, east, north, layer: layerId, kx: grid / (east - west), ky: grid / (north - south) });
    },
    /** Every feature of a layer, for building an in-memory tile index. */
    allFeatures: (layerId: string) => all.all(layerId),
  };
}

/** The tile repository's interface. */
export type TileRepository = ReturnType<typeof createTileRepository>;
