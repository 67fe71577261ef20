import { isPostgres, type Db } from '../../db/database';
import { intervalTerms, type FeatureFilter, type SortKey } from './feature-filter';
import { filterToSqlite, registerSpatialFunctions, sortToSqlite } from './feature-filter-sqlite';
import { buildPgFeatureRepository } from './feature-repository.pg';
import { createPropertyIndexRepository, POINT_X, POINT_Y, propertyIndexName, propertyPath } from './property-index-repository';

/** A feature row with geometry and properties as JSON text (cheap to stream out; properties are stored as JSONB). */
export interface FeatureRow {
  id: number;
  geometry: string;
  properties: string;
  updated_at: string;
  version: number;
}

/** A new feature to store (properties as JSON text, stored as JSONB); bbox and datetimes are derived by the caller. */
export interface NewFeature {
  layerId: string;
  geometry: string;
  properties: string;
  bbox: [number, number, number, number];
  datetimeStart: string | null;
  datetimeEnd: string | null;
}

/** An equality condition on one property. */
export interface PropertyEquals {
  property: string;
  value: string | number | boolean;
}

/** Criteria of an items query; every part is optional except the layer. */
export interface FeatureQuery {
  layerId: string;
  bbox?: [number, number, number, number];
  /** Inclusive interval of ISO timestamps; null means open. */
  interval?: [string | null, string | null];
  equals?: PropertyEquals[];
  /** A validated filter (OGC CQL2), translated to SQL. */
  filter?: FeatureFilter;
  /** Ordering; the feature id by default and as the last key. */
  sort?: SortKey[];
  limit: number;
  offset: number;
}

/** Above this many R*Tree hits, a bbox query scans the layer instead of probing per hit. */
export const RTREE_DRIVE_LIMIT = 50_000;

/** How an items query finds its candidates. */
type Plan = { by: 'rtree' | 'layer' } | { by: 'property'; property: string };

/**
 * FROM and WHERE of an items query. A small bbox drives the query from the
 * R*Tree (CROSS JOIN keeps it the outer loop: else SQLite may scan the whole
 * layer by its index and probe the R*Tree per row); a bbox holding most of a big
 * layer is cheaper the other way round: scan the layer, probe the R*Tree by id.
 * A bbox with an equality on an indexed property of a point layer reads that
 * property's index: one range of (value, longitude) entries, latitude checked in it.
 */
function whereClause(q: FeatureQuery, plan: Plan): { from: string; sql: string; params: unknown[] } {
  const parts = ['f.layer_id = ?'];
  const params: unknown[] = [];
  let from = 'features f';
  let equals = q.equals ?? [];
  if (plan.by === 'property' && q.bbox) {
    // the partial index is usable only when the query names its layer as the same literal (ids are [a-z0-9-])
    const eq = equals.find((e) => e.property === plan.property)!;
    equals = equals.filter((e) => e !== eq);
    from = `features f INDEXED BY ${propertyIndexName(q.layerId, plan.property)}`;
    parts[0] = `f.layer_id = '${q.layerId}'`;
    parts.push(`json_extract(f.properties, ${propertyPath(plan.property)}) = ?`, `${POINT_X} BETWEEN ? AND ?`, `${POINT_Y} BETWEEN ? AND ?`);
    params.push(eq.value, q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
  } else if (q.bbox) {
    const rtreeDrives = plan.by === 'rtree';
    from = rtreeDrives ? 'features_rtree r CROSS JOIN features f ON f.id = r.id' : 'features f CROSS JOIN features_rtree r ON r.id = f.id';
    // no r.layer_id here: an auxiliary column costs a lookup in the R*Tree's rowid table per hit
    // (most of the query's time); f.layer_id already keeps the layer
    parts.unshift('r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?');
    params.push(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3]);
  }
  if (plan.by !== 'property') params.push(q.layerId);
  if (q.interval) {
    const t = intervalTerms(q.interval);
    parts.push(...t.parts);
    params.push(...t.params);
  }
  for (const { property, value } of equals) {
    parts.push('json_extract(f.properties, ?) = ?');
    params.push(`$."${property.replace(/"/g, '')}"`, typeof value === 'boolean' ? Number(value) : value);
  }
  if (q.filter) {
    const f = filterToSqlite(q.filter);
    parts.push(f.sql);
    params.push(...f.params);
  }
  return { from, sql: parts.join(' AND '), params };
}

/** The repository of each connection: its statements are prepared once (and SQLite refuses to redefine a function while a statement runs). */
const repositories = new WeakMap<Db, FeatureRepository>();

/**
 * SQL access to `features` and its spatial index (SQLite's R*Tree, or PostGIS's GiST index of `geom`); one per
 * connection, created on first use.
 */
export function createFeatureRepository(db: Db): FeatureRepository {
  let repository = repositories.get(db);
  if (!repository) {
    repository = isPostgres(db) ? buildPgFeatureRepository(db) : buildFeatureRepository(db);
    repositories.set(db, repository);
  }
  return repository;
}

function buildFeatureRepository(db: Db) {
  registerSpatialFunctions(db);
  const insertFeature = db.prepare(`
    INSERT INTO features (layer_id, geometry, properties, datetime_start, datetime_end, created_at, updated_at)
    VALUES (?, ?, jsonb(?), ?, ?, ?, ?)`);
  const insertBox = db.prepare('INSERT INTO features_rtree (id, min_x, max_x, min_y, max_y, layer_id, x, y) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const deleteByLayer = db.prepare('DELETE FROM features WHERE layer_id = ?');
  const deleteOne = db.prepare('DELETE FROM features WHERE layer_id = ? AND id = ?');
  const updateOne = db.prepare(`UPDATE features SET geometry = ?, properties = jsonb(?), datetime_start = ?, datetime_end = ?, updated_at = ?, version = version + 1
    WHERE layer_id = ? AND id = ?`);
  const updateBox = db.prepare('UPDATE features_rtree SET min_x = ?, max_x = ?, min_y = ?, max_y = ?, x = ?, y = ? WHERE id = ?');
  const selectOne = db.prepare<[string, number], FeatureRow>(
    'SELECT id, geometry, json(properties) AS properties, updated_at, version FROM features WHERE layer_id = ? AND id = ?',
  );
  // hits of every layer: filtering on the auxiliary layer_id would cost a rowid lookup per hit, and an
  // upper bound is all the plan choice needs
  const countHits = db.prepare(
    'SELECT count(*) AS n FROM (SELECT 1 FROM features_rtree WHERE max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ? LIMIT ?)',
  );
  const countByLayer = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM features WHERE layer_id = ?');
  const propertyIndexes = createPropertyIndexRepository(db);

  function planOf(q: FeatureQuery): Plan {
    if (!q.bbox) return { by: 'layer' };
    const indexed = q.equals?.find((e) => typeof e.value !== 'boolean' && /^[a-z0-9-]+$/.test(q.layerId) && propertyIndexes.has(q.layerId, e.property));
    if (indexed) return { by: 'property', property: indexed.property };
    const hits = (countHits.get(q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3], RTREE_DRIVE_LIMIT + 1) as { n: number }).n;
    return { by: hits <= RTREE_DRIVE_LIMIT ? 'rtree' : 'layer' };
  }

  function insert(f: NewFeature, now: string): number {
    const { lastInsertRowid } = insertFeature.run(f.layerId, f.geometry, f.properties, f.datetimeStart, f.datetimeEnd, now, now);
    const id = Number(lastInsertRowid);
    insertBox.run(id, f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3], f.layerId, (f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2);
    return id;
  }

  return {
    /** Stores a feature and indexes its bbox; returns the new id. */
    insert,
    /** Stores features in order (inside the caller's transaction); returns their new ids. */
    insertMany: (rows: readonly NewFeature[], now: string): number[] => rows.map((f) => insert(f, now)),
    /** Replaces a feature's geometry and properties, bumping its version; false when it does not exist. */
    update(id: number, f: NewFeature, now: string): boolean {
      const { changes } = updateOne.run(f.geometry, f.properties, f.datetimeStart, f.datetimeEnd, now, f.layerId, id);
      if (changes === 0) return false;
      updateBox.run(f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3], (f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2, id);
      return true;
    },
    /** Deletes one feature (the R*Tree follows by trigger); false when it does not exist. */
    remove(layerId: string, id: number): boolean {
      return deleteOne.run(layerId, id).changes > 0;
    },
    /** Deletes every feature of a layer (the R*Tree follows by trigger). */
    deleteAllOfLayer(layerId: string): number {
      return deleteByLayer.run(layerId).changes;
    },
    /** One feature of a layer, or undefined. */
    get(layerId: string, id: number): FeatureRow | undefined {
      return selectOne.get(layerId, id);
    },
    /** Number of features in a layer. */
    count(layerId: string): number {
      return countByLayer.get(layerId)?.n ?? 0;
    },
    /** A page of matching features (in id order unless sorted), with the total number matched. */
    query(q: FeatureQuery): { rows: FeatureRow[]; numberMatched: number } {
      const { from, sql, params } = whereClause(q, planOf(q));
      const order = sortToSqlite(q.sort);
      // one pass over the matches for the page's ids and the total (a window count sees them all before LIMIT)
      const page = db
        .prepare(`SELECT f.id AS id, count(*) OVER () AS total FROM ${from} WHERE ${sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
        .raw(true)
        .all(...params, ...order.params, q.limit, q.offset) as [number, number][];
      const numberMatched = page[0]?.[1]
        ?? (q.offset === 0 ? 0 : (db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(...params) as { n: number }).n);
      if (page.length === 0) return { rows: [], numberMatched };
      const rows = db
        .prepare(`SELECT f.id AS id, f.geometry AS geometry, json(f.properties) AS properties, f.updated_at AS updated_at, f.version AS version
          FROM json_each(?) j JOIN features f ON f.id = j.value ORDER BY j.key`)
        .all(JSON.stringify(page.map(([id]) => id))) as FeatureRow[];
      return { rows, numberMatched };
    },
  };
}

/** The feature repository's interface. */
export type FeatureRepository = ReturnType<typeof buildFeatureRepository>;
