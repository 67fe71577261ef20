import GeoJSONVT, { type RawFeature } from 'geojson-vt';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Layer } from '../features/layers';
import type { TileRepository } from './tile-repository';
import { BUFFER, EXTENT, MAX_ZOOM, type TileAddress } from './tile-math';
import { pickTags, tilePropertyNames } from './tile-features';
import type { TagValue } from './mvt-points';
import { presplit, TileOccupancy } from './presplit';

/** Deepest nesting of positions in the geometries tiles take (MultiPolygon: polygons, rings, positions). */
const MAX_NESTING = 3;

/** True when `c` is a position, or a non-empty nesting (at most `depth` deep) of positions, of finite numbers. */
function finitePositions(c: unknown, depth: number): boolean {
  if (!Array.isArray(c) || c.length === 0) return false;
  if (typeof c[0] === 'number') return c.length >= 2 && c.every((n) => typeof n === 'number' && Number.isFinite(n));
  return depth > 0 && c.every((inner) => finitePositions(inner, depth - 1));
}

/**
 * Whether a stored geometry can go into tiles: a GeoJSON type with finite positions.
 * Anything else (written by hand or by older versions) is left out of tiles, not served as an error.
 */
function tileable(geometry: unknown): geometry is Geometry {
  if (geometry === null || typeof geometry !== 'object') return false;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  return typeof g.type === 'string' && g.type !== 'GeometryCollection' && finitePositions(g.coordinates, MAX_NESTING);
}

interface Entry {
  version: number;
  index: GeoJSONVT;
}

/**
 * In-memory geojson-vt indexes of line and polygon layers, one per layer and
 * version: built on first use after a write, then clipped and simplified per tile.
 * Labelled polygon layers also carry one label point per polygon (same id and tags).
 */
export function createShapeIndexes(repo: TileRepository) {
  const entries = new Map<string, Entry>();

  function build(layer: Layer, occupied: TileOccupancy): GeoJSONVT {
    const names = tilePropertyNames(layer.schema);
    const labelled = layer.geometryType === 'Polygon' && layer.options.labelProperty !== undefined;
    // features with the same tags share one (read-only) object: less memory, and the encoder's tag tables look each up once per tile
    const shared = new Map<string, Record<string, TagValue>>();
    const intern = (tags: Record<string, TagValue>) => {
      const key = JSON.stringify(tags);
      const known = shared.get(key);
      if (known) return known;
      shared.set(key, tags);
      return tags;
    };
    const features: Feature[] = repo.allFeatures(layer.id).flatMap((row) => {
      const geometry: unknown = JSON.parse(row.geometry);
      if (!tileable(geometry)) return [];
      occupied.addCoordinates(geometry.type === 'GeometryCollection' ? [] : geometry.coordinates);
      const feature: Feature = { type: 'Feature', id: row.id, geometry, properties: intern(pickTags(JSON.parse(row.properties), names)) };
      if (!labelled) return [feature];
      // one label point per polygon, so that a polygon cut by tile edges is labelled once
      return [feature, { ...turf.pointOnFeature(feature), id: row.id, properties: feature.properties }];
    });
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    return new GeoJSONVT(fc, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, indexMaxPoints: 100_000, tolerance: 3, extent: EXTENT, buffer: BUFFER });
  }

  return {
    /** The features of a layer in one tile, as geojson-vt keeps them (flat rings in tile units: read-only). */
    features(layer: Layer, { z, x, y }: TileAddress): readonly RawFeature[] {
      let entry = entries.get(layer.id);
      if (!entry || entry.version !== layer.version) {
        const occupied = new TileOccupancy();
        const fresh: Entry = { version: layer.version, index: build(layer, occupied) };
        entries.set(layer.id, fresh);
        presplit(fresh.index, occupied, () => entries.get(layer.id) === fresh);
        entry = fresh;
      }
      return entry.index.getTileRaw(z, x, y)?.features ?? [];
    },
  };
}
