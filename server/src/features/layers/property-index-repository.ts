import { createHash } from 'node:crypto';
import { isPostgres, type Db } from '../../db/database';
import type { Layer } from './layer-repository';

/** Prefix of the partial indexes that serve bbox + equality queries on one property of one point layer. */
const PREFIX = 'features_eq_';

/** Name of the index of one layer's property: a hash, since property names are free text. */
export function propertyIndexName(layerId: string, property: string): string {
  return PREFIX + createHash('sha1').update(`${layerId}\0${property}`).digest('hex').slice(0, 16);
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The JSON path of a property as SQL text (the form the index and the query must both spell). */
export const propertyPath = (property: string) => quote(`$."${property}"`);

/** A property's key as a SQL string literal: PostgreSQL's `properties -> 'key'`, the form its index and the query both spell. */
export const jsonbKey = (property: string) => quote(property);

/** A layer id as a SQL literal when it is a plain slug (a partial index names its layer so), else undefined. */
export const layerLiteral = (layerId: string): string | undefined => (/^[a-z0-9-]+$/.test(layerId) ? quote(layerId) : undefined);

/** SQL of a point's longitude and latitude (a point layer's geometry is a GeoJSON Point). */
export const POINT_X = "json_extract(f.geometry, '$.coordinates[0]')";
export const POINT_Y = "json_extract(f.geometry, '$.coordinates[1]')";

/**
 * Properties worth an index: those of a point layer whose schema lists their values
 * (`enum`, e.g. a state or a category), the ones the console and clients filter on.
 */
export function indexedProperties(layer: Pick<Layer, 'geometryType' | 'schema'>): string[] {
  if (layer.geometryType !== 'Point') return [];
  return Object.entries(layer.schema.properties)
    .filter(([name, p]) => Array.isArray(p.enum) && p.enum.length > 0 && !/["\\]/.test(name))
    .map(([name]) => name);
}

/** Statements of one engine: the catalogue queries and the index each wanted property gets. */
interface IndexSql {
  exists: string;
  ofLayer: string;
  pattern: (layerId: string) => string;
  create: (name: string, layerId: string, property: string) => string;
}

const SQLITE: IndexSql = {
  exists: "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
  ofLayer: `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'features' AND name LIKE '${PREFIX}%' AND sql LIKE ?`,
  pattern: (layerId) => `%WHERE layer_id = ${quote(layerId)}%`,
  create: (name, layerId, property) => `CREATE INDEX IF NOT EXISTS ${name} ON features (json_extract(properties, ${propertyPath(property)}),
    json_extract(geometry, '$.coordinates[0]'), json_extract(geometry, '$.coordinates[1]')) WHERE layer_id = ${quote(layerId)}`,
};

// PostgreSQL: a btree over the jsonb value (the bbox is checked on the few rows it finds; the GiST index of geom
// serves bbox queries alone). PostgreSQL writes the partial predicate back as `(layer_id = 'x'::text)`.
const POSTGRES: IndexSql = {
  exists: 'SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?',
  ofLayer: `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'features'
    AND indexname LIKE '${PREFIX}%' AND indexdef LIKE ?`,
  pattern: (layerId) => `%(layer_id = ${quote(layerId)}::text)%`,
  create: (name, layerId, property) => `CREATE INDEX IF NOT EXISTS ${name} ON features ((properties -> ${jsonbKey(property)})) WHERE layer_id = ${quote(layerId)}`,
};

/** SQL access to the property indexes of point layers. */
export function createPropertyIndexRepository(db: Db) {
  const sql = isPostgres(db) ? POSTGRES : SQLITE;
  const exists = db.prepare<[string], number>(sql.exists).pluck();
  const ofLayer = db.prepare<[string], string>(sql.ofLayer).pluck();

  return {
    /**
     * Creates the indexes a layer's schema asks for and drops those it no longer does:
     * one partial index per property over the layer's features (on SQLite on (value, longitude, latitude)).
     */
    sync(layer: Pick<Layer, 'id' | 'geometryType' | 'schema'>): void {
      const wanted = new Map(indexedProperties(layer).map((p) => [propertyIndexName(layer.id, p), p]));
      for (const name of ofLayer.all(sql.pattern(layer.id))) {
        if (!wanted.has(name)) db.exec(`DROP INDEX ${name}`);
      }
      for (const [name, property] of wanted) db.exec(sql.create(name, layer.id, property));
    },
    /** Whether the layer's property has its index. */
    has: (layerId: string, property: string): boolean => exists.get(propertyIndexName(layerId, property)) === 1,
  };
}

/** The property index repository's interface. */
export type PropertyIndexRepository = ReturnType<typeof createPropertyIndexRepository>;
