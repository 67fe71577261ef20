import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Role } from '@shared/auth';
import { HttpError, NotFoundError } from '../../errors';
import { DISTRICT_BOUNDARY_LAYER } from './district';
import { checkFeature, checkWithin, type FeatureProblem } from './feature-validation';
import type { FeatureRepository } from './feature-repository';
import type { Layer, LayerRepository } from './layer-repository';

/** Layers only an admin may write: the district boundary switches the in-district checks of every other layer. */
export const ADMIN_ONLY_LAYERS: readonly string[] = [DISTRICT_BOUNDARY_LAYER];

/** Layers that may never become empty: the in-district checks switch off without the boundary. */
export const NEVER_EMPTY_LAYERS: readonly string[] = [DISTRICT_BOUNDARY_LAYER];

/**
 * Who writes: a signed-in user's role, or `operator` for the command line (run by whoever
 * runs the server, so with an admin's rights).
 */
export type WriteRole = Role | 'operator';

/**
 * A layer that accepts feature writes from `role`, or a 404 (unknown) / 403 (read-only, e.g.
 * `cases`; or admin-only, e.g. the district boundary, for any other role).
 */
export function writableLayer(layers: Pick<LayerRepository, 'get'>, id: string, role: WriteRole): Layer {
  const layer = layers.get(id);
  if (!layer) throw new NotFoundError(`collection "${id}" does not exist`);
  if (layer.options.readOnly) throw new HttpError(403, 'read_only', `collection "${id}" is read-only: it changes only through its own workflow`);
  if (ADMIN_ONLY_LAYERS.includes(id) && role !== 'admin' && role !== 'operator') {
    throw new HttpError(403, 'admin_only', `only an admin may change collection "${id}": it bounds the district for every other layer`);
  }
  return layer;
}

/** A 409 when deleting one feature would leave a layer that must never be empty without any. */
export function checkRemovable(features: Pick<FeatureRepository, 'count'>, layerId: string): void {
  if (!NEVER_EMPTY_LAYERS.includes(layerId) || features.count(layerId) > 1) return;
  throw new HttpError(409, 'last_feature', `the last feature of collection "${layerId}" cannot be deleted: the in-district checks of other layers need it (replace it with PUT instead)`);
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
