import { isPostgres, type Db } from '../../db/database';
import type { GeometryType, LayerGroup, LayerInfo, LayerSchema, TemporalHint } from '@shared/layers';
import { createPropertyIndexRepository } from './property-index-repository';

/** A layer as stored: the catalogue fields the API serves (`LayerInfo`), with its settings and version. */
export interface Layer extends Pick<LayerInfo, 'id' | 'title' | 'description' | 'group' | 'geometryType' | 'schema' | 'style'> {
  options: LayerOptions;
  attribution: string;
  sortOrder: number;
  version: number;
  updatedAt: string;
}

/** Per-layer settings that are not columns of their own. */
export interface LayerOptions {
  withinDistrict?: boolean;
  temporal?: TemporalHint;
  labelProperty?: string;
  /** Written only by its own service (e.g. `cases`): OGC Part 4 writes are refused. */
  readOnly?: boolean;
}

/** Spatial and temporal extent of a layer's features. */
export interface LayerExtent {
  featureCount: number;
  bbox?: [number, number, number, number];
  interval?: [string | null, string | null];
}

interface LayerRow {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  layer_group: LayerGroup;
  geometry_type: GeometryType;
  schema: string;
  style: string;
  options: string;
  attribution: string;
  sort_order: number;
  version: number;
  updated_at: string;
}

function toLayer(row: LayerRow): Layer {
  return {
    id: row.id,
    title: { zh: row.title_zh, en: row.title_en },
    description: { zh: row.description_zh, en: row.description_en },
    group: row.layer_group,
    geometryType: row.geometry_type,
    schema: JSON.parse(row.schema) as LayerSchema,
    style: JSON.parse(row.style) as Layer['style'],
    options: JSON.parse(row.options) as LayerOptions,
    attribution: row.attribution,
    sortOrder: row.sort_order,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

interface ExtentRow {
  n: number;
  min_x: number | null;
  min_y: number | null;
  max_x: number | null;
  max_y: number | null;
  t0: string | null;
  t1: string | null;
  open_end: number;
}

const EXTENT_SQLITE = `
  SELECT count(*) AS n, min(r.min_x) AS min_x, min(r.min_y) AS min_y, max(r.max_x) AS max_x, max(r.max_y) AS max_y,
         min(f.datetime_start) AS t0, max(f.datetime_end) AS t1,
         sum(f.datetime_start IS NOT NULL AND f.datetime_end IS NULL) AS open_end
  FROM features f JOIN features_rtree r ON r.id = f.id WHERE f.layer_id = ?`;

// the bbox from PostGIS's envelope of the layer (no R*Tree); count(*) FILTER instead of a sum of booleans
const EXTENT_PG = `
  SELECT n, ST_XMin(e) AS min_x, ST_YMin(e) AS min_y, ST_XMax(e) AS max_x, ST_YMax(e) AS max_y, t0, t1, open_end
  FROM (SELECT count(*) AS n, ST_Extent(geom) AS e, min(datetime_start) AS t0, max(datetime_end) AS t1,
               count(*) FILTER (WHERE datetime_start IS NOT NULL AND datetime_end IS NULL) AS open_end
        FROM features WHERE layer_id = ?) x`;

/** SQL access to the `layers` table. */
export function createLayerRepository(db: Db) {
  const selectAll = db.prepare<[], LayerRow>('SELECT * FROM layers ORDER BY sort_order, id');
  const selectOne = db.prepare<[string], LayerRow>('SELECT * FROM layers WHERE id = ?');
  const upsert = db.prepare(`
    INSERT INTO layers (id, title_zh, title_en, description_zh, description_en, layer_group, geometry_type,
                        schema, style, options, attribution, sort_order, version, created_at, updated_at)
    VALUES (@id, @title_zh, @title_en, @description_zh, @description_en, @layer_group, @geometry_type,
            @schema, @style, @options, @attribution, @sort_order, 1, @now, @now)
    ON CONFLICT (id) DO UPDATE SET
      title_zh = excluded.title_zh, title_en = excluded.title_en,
      description_zh = excluded.description_zh, description_en = excluded.description_en,
      layer_group = excluded.layer_group, geometry_type = excluded.geometry_type,
      schema = excluded.schema, style = excluded.style, options = excluded.options,
      attribution = excluded.attribution, sort_order = excluded.sort_order,
      version = layers.version + 1, updated_at = excluded.updated_at`);
  const propertyIndexes = createPropertyIndexRepository(db);
  const extent = db.prepare<[string], ExtentRow>(isPostgres(db) ? EXTENT_PG : EXTENT_SQLITE);

  return {
    /** All layers in drawing order. */
    list(): Layer[] {
      return selectAll.all().map(toLayer);
    },
    /** One layer, or undefined. */
    get(id: string): Layer | undefined {
      const row = selectOne.get(id);
      return row ? toLayer(row) : undefined;
    },
    /** Inserts a layer or replaces its definition, bumping its version; creates or drops the indexes of its enum properties. */
    upsert(layer: Omit<Layer, 'version' | 'updatedAt'>, now: string): void {
      upsert.run({
        id: layer.id,
        title_zh: layer.title.zh,
        title_en: layer.title.en,
        description_zh: layer.description.zh,
        description_en: layer.description.en,
        layer_group: layer.group,
        geometry_type: layer.geometryType,
        schema: JSON.stringify(layer.schema),
        style: JSON.stringify(layer.style),
        options: JSON.stringify(layer.options),
        attribution: layer.attribution,
        sort_order: layer.sortOrder,
        now,
      });
      propertyIndexes.sync(layer);
    },
    /** Feature count, bbox and time interval of a layer's features. */
    extent(id: string): LayerExtent {
      const row = extent.get(id);
      if (!row || row.n === 0 || row.min_x === null || row.min_y === null || row.max_x === null || row.max_y === null) {
        return { featureCount: row?.n ?? 0 };
      }
      return {
        featureCount: row.n,
        bbox: [row.min_x, row.min_y, row.max_x, row.max_y],
        interval: row.t0 === null ? undefined : [row.t0, row.open_end > 0 ? null : row.t1],
      };
    },
  };
}

/** The layer repository's interface. */
export type LayerRepository = ReturnType<typeof createLayerRepository>;
