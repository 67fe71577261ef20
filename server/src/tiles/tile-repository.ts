import type { Db } from '../db/database';
import type { SourcePoint } from './point-index';

/** SQL reads behind the tile server. */
export function createTileRepository(db: Db) {
  const version = db.prepare<[string], { version: number }>('SELECT version FROM layers WHERE id = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM features WHERE layer_id = ?');
  const points = db.prepare<[string], [number, number, number, string]>(`
    SELECT r.id, r.x, r.y, json(f.properties)
    FROM features f JOIN features_rtree r ON r.id = f.id
    WHERE f.layer_id = ? ORDER BY f.id`).raw(true);
  const all = db.prepare<[string], { id: number; geometry: string; properties: string }>(
    'SELECT id, geometry, json(properties) AS properties FROM features WHERE layer_id = ? ORDER BY id',
  );

  return {
    /** The layer's current version, or undefined for an unknown layer. */
    version: (layerId: string): number | undefined => version.get(layerId)?.version,
    /** Number of features in a layer. */
    countPoints: (layerId: string): number => count.get(layerId)?.n ?? 0,
    /** Every feature of a layer as its representative point (the point itself for point layers). */
    *iteratePoints(layerId: string): Generator<SourcePoint> {
      for (const [id, lon, lat, properties] of points.iterate(layerId)) {
        yield { id, lon, lat, properties: JSON.parse(properties) as Record<string, unknown> };
      }
    },
    /** Every feature of a layer, for building an in-memory shape index. */
    allFeatures: (layerId: string) => all.all(layerId),
  };
}

/** The tile repository's interface. */
export type TileRepository = ReturnType<typeof createTileRepository>;
