import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { HttpError, NotFoundError } from '../../errors';
import { DISTRICT_BOUNDARY_LAYER } from './district';
import { checkFeature, checkWithin, type FeatureProblem } from './feature-validation';
import type { FeatureRepository } from './feature-repository';
import type { Layer, LayerRepository } from './layer-repository';

/** A layer that accepts feature writes, or a 404 (unknown) / 403 (read-only, e.g. `cases`). */
export function writableLayer(layers: Pick<LayerRepository, 'get'>, id: string): Layer {
  const layer = layers.get(id);
  if (!layer) throw new NotFoundError(`collection "${id}" does not exist`);
  if (layer.options.readOnly) throw new HttpError(403, 'read_only', `collection "${id}" is read-only: it changes only through its own workflow`);
  return layer;
}

/** The subdistrict boundary as a feature, or undefined when the boundary layer is empty. */
export function districtArea(features: Pick<FeatureRepository, 'query'>): Feature<Polygon | MultiPolygon> | undefined {
  const boundary = features.query({ layerId: DISTRICT_BOUNDARY_LAYER, limit: 1, offset: 0 }).rows[0];
  if (!boundary) return undefined;
  return { type: 'Feature', geometry: JSON.parse(boundary.geometry) as Polygon | MultiPolygon, properties: {} };
}

/**
 * Every problem a write refuses for a feature of a layer: not a feature, a geometry of another
 * family or malformed, properties against the schema, and (for district-bound layers, when
 * `district` is given) a vertex outside the boundary.
 */
export function writeProblems(layer: Layer, body: unknown, district: Feature<Polygon | MultiPolygon> | undefined): FeatureProblem[] {
  const problems = checkFeature(body, layer.geometryType, layer.schema);
  if (problems.length || !layer.options.withinDistrict || !district) return problems;
  return checkWithin((body as Feature).geometry!, district);
}
