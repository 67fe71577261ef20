import type { Feature, Geometry } from 'geojson';
import type { SessionUser } from '@shared/auth';
import type { Db } from '../../db/database';
import { BadRequestError, HttpError, NotFoundError } from '../../errors';
import type { AuditRepository } from '../audit';
import type { FeatureProblem } from './feature-validation';
import { toNewFeature } from './feature-record';
import type { FeatureRepository, FeatureRow } from './feature-repository';
import type { Layer, LayerRepository } from './layer-repository';
import { RESERVED_KEYS } from './geometry-checks';
import { createDistrictArea } from './district-check';
import { checkRemovable, writableLayer, writeProblems } from './write-checks';

/** The strong ETag of a stored feature. */
export const featureEtag = (row: Pick<FeatureRow, 'id' | 'version'>) => `"${row.id}-${row.version}"`;

function invalid(problems: FeatureProblem[]): never {
  throw new BadRequestError(`invalid feature: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

function checkPrecondition(row: FeatureRow, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes('*') && !tags.includes(featureEtag(row))) {
    throw new HttpError(412, 'precondition_failed', `feature ${row.id} was changed by someone else (now ${featureEtag(row)}); reload it and try again`);
  }
}

/** A stored feature's properties merged with a patch's (JSON merge patch: null removes one). */
function mergedProperties(stored: string, patch: unknown): Record<string, unknown> {
  const merged = new Map(Object.entries(JSON.parse(stored) as Record<string, unknown>));
  if (patch === undefined || patch === null) return Object.fromEntries(merged);
  if (typeof patch !== 'object' || Array.isArray(patch)) invalid([{ path: 'properties', message: 'must be an object (null removes a property)' }]);
  for (const [k, v] of Object.entries(patch)) {
    if (RESERVED_KEYS.includes(k)) invalid([{ path: `properties.${k}`, message: `"${k}" is not allowed as a property name` }]);
    if (v === null) merged.delete(k);
    else merged.set(k, v);
  }
  return Object.fromEntries(merged);
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, [before[k] ?? null, after[k] ?? null]]));
}

/**
 * Creates, replaces, patches and deletes features (OGC API – Features Part 4),
 * validating each against its layer and recording it in the audit log, all in
 * one transaction.
 */
export function createFeatureWriteService(deps: {
  db: Db; layers: LayerRepository; features: FeatureRepository; audit: AuditRepository;
  /** Called after each committed write with the layer's new version (for live updates). */
  onChange?: (change: { layerId: string; version: number }) => void;
}) {
  const { db, layers, features, audit } = deps;
  const district = createDistrictArea(db, features);
  const changed = <T>(layerId: string, result: T): T => {
    const version = layers.get(layerId)?.version;
    if (version !== undefined) deps.onChange?.({ layerId, version });
    return result;
  };

  const layerOf = (id: string, actor: SessionUser): Layer => writableLayer(layers, id, actor.role);

  function existing(layer: Layer, id: number): FeatureRow {
    const row = Number.isSafeInteger(id) ? features.get(layer.id, id) : undefined;
    if (!row) throw new NotFoundError(`feature "${id}" does not exist in collection "${layer.id}"`);
    return row;
  }

  function validated(layer: Layer, body: unknown): Feature<Geometry> {
    const problems = writeProblems(layer, body, layer.options.withinDistrict ? district() : undefined);
    if (problems.length) invalid(problems);
    const feature = body as Feature<Geometry>;
    return { type: 'Feature', geometry: feature.geometry, properties: feature.properties ?? {} };
  }

  function record(actor: SessionUser, action: string, layer: Layer, id: number, summary: Record<string, unknown>, now: string): void {
    audit.record({ userId: actor.id, username: actor.username, action, entity: `feature:${layer.id}`, entityId: String(id), summary }, now);
  }

  return {
    /** Stores a new feature; returns its row. */
    create(layerId: string, body: unknown, actor: SessionUser): FeatureRow {
      const layer = layerOf(layerId, actor);
      const feature = validated(layer, body);
      return changed(layer.id, db.transaction(() => {
        const now = new Date().toISOString();
        const id = features.insert(toNewFeature(layer, feature), now);
        record(actor, 'create', layer, id, { after: feature.properties, geometry: feature.geometry.type }, now);
        return features.get(layer.id, id)!;
      })());
    },
    /** Replaces a feature whole (PUT). */
    replace(layerId: string, id: number, body: unknown, ifMatch: string | undefined, actor: SessionUser): FeatureRow {
      const layer = layerOf(layerId, actor);
      const feature = validated(layer, body);
      return changed(layer.id, db.transaction(() => {
        const before = existing(layer, id);
        checkPrecondition(before, ifMatch);
        const now = new Date().toISOString();
        features.update(id, toNewFeature(layer, feature), now);
        record(actor, 'replace', layer, id, {
          changed: changes(JSON.parse(before.properties), feature.properties as Record<string, unknown>),
          geometryChanged: before.geometry !== JSON.stringify(feature.geometry),
        }, now);
        return features.get(layer.id, id)!;
      })());
    },
    /** Merges a partial feature (PATCH, JSON merge patch: null removes a property). */
    patch(layerId: string, id: number, body: unknown, ifMatch: string | undefined, actor: SessionUser): FeatureRow {
      const layer = layerOf(layerId, actor);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestError('a patch is an object with "geometry" and/or "properties"');
      const patch = body as { geometry?: unknown; properties?: unknown };
      const unknownKeys = Object.keys(patch).filter((k) => !['type', 'id', 'geometry', 'properties'].includes(k));
      if (unknownKeys.length) throw new BadRequestError(`unknown member "${unknownKeys[0]}" in the patch`);
      return changed(layer.id, db.transaction(() => {
        const before = existing(layer, id);
        checkPrecondition(before, ifMatch);
        const props = mergedProperties(before.properties, patch.properties);
        const merged = validated(layer, { type: 'Feature', geometry: patch.geometry ?? JSON.parse(before.geometry), properties: props });
        const now = new Date().toISOString();
        features.update(id, toNewFeature(layer, merged), now);
        record(actor, 'patch', layer, id, { changed: changes(JSON.parse(before.properties), props), geometryChanged: patch.geometry !== undefined }, now);
        return features.get(layer.id, id)!;
      })());
    },
    /** Deletes a feature. */
    remove(layerId: string, id: number, ifMatch: string | undefined, actor: SessionUser): void {
      const layer = layerOf(layerId, actor);
      db.transaction(() => {
        const before = existing(layer, id);
        checkPrecondition(before, ifMatch);
        checkRemovable(features, layer.id);
        const now = new Date().toISOString();
        features.remove(layer.id, id);
        record(actor, 'delete', layer, id, { before: JSON.parse(before.properties) }, now);
      })();
      changed(layer.id, undefined);
    },
  };
}

/** The feature write service's interface. */
export type FeatureWriteService = ReturnType<typeof createFeatureWriteService>;
