import type { Db } from '../../db/database';
import { intervalTerms, type SqlFragment } from './feature-filter';
import { filterToPg, sortToPg } from './feature-filter-pg';
import type { FeatureQuery, FeatureRepository, FeatureRow, NewFeature, PropertyEquals } from './feature-repository';
import { jsonbKey, layerLiteral } from './property-index-repository';

/**
 * The JSON values SQLite's `json_extract(p, path) = ?` finds equal to a bound value, as jsonb literals:
 * json_extract reads `true` as 1 and `false` as 0 (and a boolean is bound as 1 or 0), while a string stays
 * apart from a number ("1" ≠ 1). jsonb compares numbers by value (1 = 1.0), as SQLite does.
 */
export function jsonbAlike(value: string | number | boolean): string[] {
  if (typeof value === 'boolean') return [JSON.stringify(value), value ? '1' : '0'];
  if (value === 1 || value === 0) return [JSON.stringify(value), String(value === 1)];
  return [JSON.stringify(value)];
}

/**
 * An equality on one property over `features f`. The key is written into the SQL (quoted) so that the
 * expression is the one of the layer's property index, `(properties -> 'key')`.
 */
function propertyEquals({ property, value }: PropertyEquals): SqlFragment {
  const alike = jsonbAlike(value);
  const target = `f.properties -> ${jsonbKey(property)}`;
  if (alike.length === 1) return { sql: `${target} = ?::jsonb`, params: alike };
  return { sql: `${target} IN (${alike.map(() => '?::jsonb').join(', ')})`, params: alike };
}

/**
 * FROM-less WHERE of an items query on PostgreSQL. The planner chooses between the GiST index of `geom`
 * (a bbox), the layer's property indexes (equalities) and the layer index by itself; the layer id is
 * written as a literal when it is a plain slug, so partial indexes (`WHERE layer_id = '…'`) match under
 * generic plans too.
 */
function whereClause(q: FeatureQuery): SqlFragment {
  const literal = layerLiteral(q.layerId);
  const parts = [literal ? `f.layer_id = ${literal}` : 'f.layer_id = ?'];
  const params: unknown[] = literal ? [] : [q.layerId];
  if (q.bbox) {
    // && compares bounding boxes, as the R*Tree does on SQLite
    parts.push('f.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)');
    params.push(...q.bbox);
  }
  if (q.interval) {
    const t = intervalTerms(q.interval);
    parts.push(...t.parts);
    params.push(...t.params);
  }
  for (const e of q.equals ?? []) {
    const term = propertyEquals(e);
    parts.push(term.sql);
    params.push(...term.params);
  }
  if (q.filter) {
    const f = filterToPg(q.filter);
    parts.push(f.sql);
    params.push(...f.params);
  }
  return { sql: parts.join(' AND '), params };
}

/** A list of ids as a PostgreSQL array literal (bound as one text parameter and cast to bigint[]). */
export const idArray = (ids: readonly number[]): string => `{${ids.join(',')}}`;

/** How many features one multi-row INSERT stores (a bulk import sends a few statements, not one per feature). */
const INSERT_BATCH = 500;
const INSERT_COLUMNS = '(layer_id, geometry, properties, datetime_start, datetime_end, created_at, updated_at)';
const INSERT_VALUES = '(?, ?, ?::jsonb, ?, ?, ?, ?)';

/**
 * The feature repository on PostgreSQL/PostGIS: properties as jsonb (read back as text), the bbox through
 * the generated `geom` column and its GiST index (there is no R*Tree), ids from `RETURNING id`.
 */
export function buildPgFeatureRepository(db: Db): FeatureRepository {
  const insertFeature = db.prepare(`INSERT INTO features ${INSERT_COLUMNS} VALUES ${INSERT_VALUES} RETURNING id`).pluck();
  const insertBatch = db.prepare(`INSERT INTO features ${INSERT_COLUMNS} VALUES ${Array(INSERT_BATCH).fill(INSERT_VALUES).join(', ')} RETURNING id`).pluck();
  const deleteByLayer = db.prepare('DELETE FROM features WHERE layer_id = ?');
  const deleteOne = db.prepare('DELETE FROM features WHERE layer_id = ? AND id = ?');
  const updateOne = db.prepare(`UPDATE features SET geometry = ?, properties = ?::jsonb, datetime_start = ?, datetime_end = ?, updated_at = ?,
    version = version + 1 WHERE layer_id = ? AND id = ?`);
  const selectOne = db.prepare('SELECT id, geometry, properties::text AS properties, updated_at, version FROM features WHERE layer_id = ? AND id = ?');
  const countByLayer = db.prepare('SELECT count(*) FROM features WHERE layer_id = ?').pluck();
  const selectPage = db.prepare(`SELECT f.id, f.geometry, f.properties::text AS properties, f.updated_at, f.version
    FROM unnest(?::bigint[]) WITH ORDINALITY AS j(id, n) JOIN features f ON f.id = j.id ORDER BY j.n`);

  const values = (f: NewFeature, now: string) => [f.layerId, f.geometry, f.properties, f.datetimeStart, f.datetimeEnd, now, now];

  return {
    insert(f: NewFeature, now: string): number {
      return insertFeature.get(...values(f, now)) as number;
    },
    insertMany(rows: readonly NewFeature[], now: string): number[] {
      const ids: number[] = [];
      let i = 0;
      for (; i + INSERT_BATCH <= rows.length; i += INSERT_BATCH) {
        ids.push(...(insertBatch.all(...rows.slice(i, i + INSERT_BATCH).flatMap((f) => values(f, now))) as number[]));
      }
      for (; i < rows.length; i += 1) ids.push(insertFeature.get(...values(rows[i]!, now)) as number);
      return ids;
    },
    update(id: number, f: NewFeature, now: string): boolean {
      return updateOne.run(f.geometry, f.properties, f.datetimeStart, f.datetimeEnd, now, f.layerId, id).changes > 0;
    },
    remove: (layerId: string, id: number): boolean => deleteOne.run(layerId, id).changes > 0,
    deleteAllOfLayer: (layerId: string): number => deleteByLayer.run(layerId).changes,
    get: (layerId: string, id: number): FeatureRow | undefined => selectOne.get(layerId, id) as FeatureRow | undefined,
    count: (layerId: string): number => (countByLayer.get(layerId) as number | undefined) ?? 0,
    query(q: FeatureQuery): { rows: FeatureRow[]; numberMatched: number } {
      const { sql, params } = whereClause(q);
      const order = sortToPg(q.sort);
      // the matches are found first, planned for all of them (a window count under LIMIT made the planner walk the
      // primary key in id order and filter every row, ~10x slower than the GiST index for a bbox); sorting by a
      // property reads it back from the features
      const byIdOnly = (q.sort ?? []).every((k) => k.property === null);
      const page = db
        .prepare(`WITH m AS MATERIALIZED (SELECT f.id FROM features f WHERE ${sql})
          SELECT f.id, (SELECT count(*) FROM m) AS total FROM ${byIdOnly ? 'm f' : 'm JOIN features f ON f.id = m.id'}
          ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
        .raw(true)
        .all(...params, ...order.params, q.limit, q.offset) as [number, number][];
      const numberMatched = page[0]?.[1]
        ?? (q.offset === 0 ? 0 : (db.prepare(`SELECT count(*) FROM features f WHERE ${sql}`).pluck().get(...params) as number));
      if (page.length === 0) return { rows: [], numberMatched };
      return { rows: selectPage.all(idArray(page.map(([id]) => id))) as FeatureRow[], numberMatched };
    },
  };
}
