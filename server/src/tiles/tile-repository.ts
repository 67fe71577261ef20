import { isPostgres, pgOf, type Db } from '../db/database';
import type { SourcePoint } from './point-index';
import { propertiesObject } from './tile-features';

/** Statements that differ by engine: SQLite keeps each feature's representative point in the R*Tree. */
const SQLITE = {
  points: `SELECT r.id, r.x, r.y, json(f.properties)
    FROM features f JOIN features_rtree r ON r.id = f.id
    WHERE f.layer_id = ? ORDER BY f.id`,
  pointsByIds: `SELECT r.id, r.x, r.y, json(f.properties)
    FROM features f JOIN features_rtree r ON r.id = f.id
    WHERE f.layer_id = ? AND f.id IN (SELECT value FROM json_each(?)) ORDER BY f.id`,
  all: 'SELECT id, geometry, json(properties) AS properties FROM features WHERE layer_id = ? ORDER BY id',
  page: 'SELECT id, geometry, json(properties) AS properties FROM features WHERE layer_id = ? AND id > ? ORDER BY id LIMIT ?',
  ids: (ids: readonly number[]) => JSON.stringify(ids),
};

// PostgreSQL: the representative point is the centre of the geometry's bbox (a point's own coordinates), as the
// writer computes it for SQLite's R*Tree; PostGIS's ST_XMin/ST_XMax read the exact doubles
const REPRESENTATIVE = '(ST_XMin(f.geom) + ST_XMax(f.geom)) / 2, (ST_YMin(f.geom) + ST_YMax(f.geom)) / 2';
// read in pages by id: the bridge has no cursor and would hand over a whole layer (10^6 rows) as one reply
const POINT_PAGE = 20_000;
const POSTGRES: typeof SQLITE = {
  points: `SELECT f.id, ${REPRESENTATIVE}, f.properties::text FROM features f WHERE f.layer_id = ? AND f.id > ? ORDER BY f.id LIMIT ${POINT_PAGE}`,
  pointsByIds: `SELECT f.id, ${REPRESENTATIVE}, f.properties::text FROM features f
    WHERE f.layer_id = ? AND f.id = ANY(?::bigint[]) ORDER BY f.id`,
  all: 'SELECT id, geometry, properties::text AS properties FROM features WHERE layer_id = ? ORDER BY id',
  page: 'SELECT id, geometry, properties::text AS properties FROM features WHERE layer_id = ? AND id > ? ORDER BY id LIMIT ?',
  ids: (ids) => `{${ids.join(',')}}`,
};

/**
 * A read snapshot on PostgreSQL: one REPEATABLE READ READ ONLY transaction, without the cluster-wide write lock
 * `db.transaction` takes (a tile build may take a while and must not hold every process's writers back). Inside an
 * open transaction it just reads. `read` must not write.
 */
function pgSnapshot(db: Db): <T>(read: () => T) => T {
  const pg = pgOf(db);
  return (read) => {
    if (pg.inTransaction) return read();
    pg.request({ op: 'begin', sql: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' });
    let result;
    try {
      result = read();
    } catch (err) {
      try {
        pg.request({ op: 'rollback', sql: 'ROLLBACK' });
      } catch {
        // the connection is gone: PostgreSQL rolled back by itself
      }
      throw err;
    }
    pg.request({ op: 'commit', sql: 'COMMIT' });
    return result;
  };
}

/** SQL reads behind the tile server. */
export function createTileRepository(db: Db) {
  const sql = isPostgres(db) ? POSTGRES : SQLITE;
  const version = db.prepare<[string], number>('SELECT version FROM layers WHERE id = ?').pluck();
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM features WHERE layer_id = ?');
  const points = db.prepare<unknown[], [number, number, number, string]>(sql.points).raw(true);
  const pointsByIds = db.prepare<[string, string], [number, number, number, string]>(sql.pointsByIds).raw(true);
  const changes = db.prepare<[string, number, number], [number, number]>(
    'SELECT version, feature_id FROM feature_changes WHERE layer_id = ? AND version > ? AND version <= ? ORDER BY version',
  ).raw(true);
  const all = db.prepare<[string], { id: number; geometry: string; properties: string }>(sql.all);
  const page = db.prepare<[string, number, number], { id: number; geometry: string; properties: string }>(sql.page);
  const inTransaction = db.transaction((read: () => unknown) => read());
  const snapshot = isPostgres(db) ? pgSnapshot(db) : <T>(read: () => T): T => inTransaction(read) as T;
  const toPoint = ([id, lon, lat, properties]: [number, number, number, string]): SourcePoint =>
    ({ id, lon, lat, properties: propertiesObject(JSON.parse(properties)) });

  return {
    /** The layer's current version, or undefined for an unknown layer. */
    version: (layerId: string): number | undefined => version.get(layerId),
    /** Number of features in a layer. */
    countPoints: (layerId: string): number => count.get(layerId)?.n ?? 0,
    /** Every feature of a layer as its representative point (the point itself for point layers), in id order. */
    *iteratePoints(layerId: string): Generator<SourcePoint> {
      if (!isPostgres(db)) {
        for (const row of points.iterate(layerId)) yield toPoint(row);
        return;
      }
      let after = 0;
      for (;;) {
        const page = points.all(layerId, after);
        for (const row of page) yield toPoint(row);
        if (page.length < POINT_PAGE) return;
        after = page[page.length - 1]![0];
      }
    },
    /** The listed features that are still in the layer, as representative points in id order. */
    pointsByIds: (layerId: string, ids: readonly number[]): SourcePoint[] => pointsByIds.all(layerId, sql.ids(ids)).map(toPoint),
    /**
     * The ids of the features written (inserted, updated or deleted) by the layer's versions after
     * `from` up to `to`, from the change log; undefined when the log does not account for every one
     * of those versions (a layer definition change, or a range older than the log keeps).
     */
    changedFeatures(layerId: string, from: number, to: number): number[] | undefined {
      const rows = changes.all(layerId, from, to);
      if (rows.length !== to - from) return undefined;
      return [...new Set(rows.map(([, id]) => id))];
    },
    /** Runs `read` in one read transaction, so that every query in it sees the same committed state. */
    snapshot,
    /** Every feature of a layer, for building an in-memory shape index. */
    allFeatures: (layerId: string) => all.all(layerId),
    /** Up to `limit` features of a layer with ids above `afterId`, in id order (a layer read in pages). */
    featurePage: (layerId: string, afterId: number, limit: number) => page.all(layerId, afterId, limit),
  };
}

/** The tile repository's interface. */
export type TileRepository = ReturnType<typeof createTileRepository>;
