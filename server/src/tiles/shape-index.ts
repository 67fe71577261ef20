import GeoJSONVT from 'geojson-vt';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { BUFFER, EXTENT, MAX_ZOOM } from './tile-math';
import { pickTags } from './tile-features';
import type { TagValue } from './mvt-points';
import type { TileOccupancy } from './presplit';

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

/** A line or polygon layer's stored rows, as columns (cheap to post to a worker). */
export interface ShapeRows {
  ids: number[];
  /** Each feature's stored geometry (GeoJSON text). */
  geometries: string[];
  /** Each feature's stored properties (JSON text). */
  properties: string[];
}

/** The stored rows of a line or polygon layer at one version, and what the index needs of the layer's definition. */
export interface ShapeSource extends ShapeRows {
  /** Names of the properties that go into tiles (`tilePropertyNames`). */
  names: string[];
  /** Whether each polygon also gets a label point (a polygon layer with a label property). */
  labelled: boolean;
}

/**
 * Builds the geojson-vt index of a line or polygon layer from its stored rows, split to z5, and marks
 * in `occupied` the tiles its features touch (for `presplit`). Labelled polygon layers also carry one
 * label point per polygon (same id and tags). Takes seconds on 10^5 polygons: run it in the shape worker.
 */
export function buildShapeIndex(source: ShapeSource, occupied: TileOccupancy): GeoJSONVT {
  const { names, labelled, ids, geometries, properties } = source;
  // features with the same tags share one (read-only) object: less memory, and the encoder's tag tables look each up once per tile
  const shared = new Map<string, Record<string, TagValue>>();
  const intern = (tags: Record<string, TagValue>) => {
    const key = JSON.stringify(tags);
    const known = shared.get(key);
    if (known) return known;
    shared.set(key, tags);
    return tags;
  };
  const features: Feature[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    const geometry: unknown = JSON.parse(geometries[i]!);
    if (!tileable(geometry)) continue;
    occupied.addCoordinates(geometry.type === 'GeometryCollection' ? [] : geometry.coordinates);
    const feature: Feature = { type: 'Feature', id: ids[i]!, geometry, properties: intern(pickTags(JSON.parse(properties[i]!), names)) };
    features.push(feature);
    // one label point per polygon, so that a polygon cut by tile edges is labelled once
    if (labelled) features.push({ ...turf.pointOnFeature(feature), id: ids[i]!, properties: feature.properties });
  }
  const fc: FeatureCollection = { type: 'FeatureCollection', features };
  return new GeoJSONVT(fc, { maxZoom: MAX_ZOOM, indexMaxZoom: 5, indexMaxPoints: 100_000, tolerance: 3, extent: EXTENT, buffer: BUFFER });
}
