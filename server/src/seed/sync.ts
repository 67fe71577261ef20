import type { Db } from '../db/database';
import { CASES_LAYER } from '../features/cases';
import { createFeatureRepository, toNewFeature, createLayerRepository, type Layer } from '../features/layers';
import { readCatalogue, type CatalogueLayer } from './catalogue';
import { validateCatalogue } from './seed';

/** What `syncLayerDefinitions` changed in an existing database. */
export interface SyncSummary {
  /** Layers whose title, description, group, style, options, attribution or order were updated. */
  updated: string[];
  /** Layers new in data/layers.json, stored with their features. */
  added: string[];
  /** Layers whose stored schema differs from the data's; left as stored (their features were checked against it). */
  schemaDiffers: string[];
}

type Definition = Omit<Layer, 'version' | 'updatedAt'>;

/** The parts of a layer that only change how it is shown, never which features are valid. */
function presentation(layer: Definition): string {
  const { title, description, group, geometryType, style, options, attribution, sortOrder } = layer;
  return JSON.stringify({ title, description, group, geometryType, style, options, attribution, sortOrder });
}

function toDefinition({ definition: d }: CatalogueLayer, sortOrder: number): Definition {
  return {
    id: d.id, title: d.title, description: d.description ?? { zh: '', en: '' }, group: d.group,
    geometryType: d.geometryType, schema: d.schema, style: d.style, attribution: d.attribution, sortOrder,
    options: { withinDistrict: d.withinDistrict, temporal: d.temporal, labelProperty: d.labelProperty },
  };
}

/**
 * Brings the layer definitions of an already seeded database up to date with `dataDir`
 * (and the built-in `cases` layer) without touching anyone's features: a changed style or
 * hint is stored (the layer's version goes up, so its tiles refresh), a layer new in the data
 * is added with its features, and a changed schema is reported but kept, since features
 * edited since the seed were validated against the stored one. One transaction.
 */
export function syncLayerDefinitions(db: Db, dataDir: string, now = new Date().toISOString()): SyncSummary {
  const catalogue = readCatalogue(dataDir);
  validateCatalogue(catalogue);
  const layers = createLayerRepository(db);
  const features = createFeatureRepository(db);
  return db.transaction((): SyncSummary => {
    const summary: SyncSummary = { updated: [], added: [], schemaDiffers: [] };
    const desired = catalogue.layers.map((layer, i) => ({ layer, definition: toDefinition(layer, i) }));
    const builtIn = layers.get(CASES_LAYER.id) ? [{ layer: undefined, definition: CASES_LAYER }] : [];
    for (const { layer, definition } of [...desired, ...builtIn]) {
      const stored = layers.get(definition.id);
      if (!stored) {
        layers.upsert(definition, now);
        for (const f of layer?.features ?? []) features.insert(toNewFeature(definition, f), now);
        summary.added.push(definition.id);
        continue;
      }
      if (JSON.stringify(stored.schema) !== JSON.stringify(definition.schema)) summary.schemaDiffers.push(definition.id);
      if (presentation(stored) !== presentation(definition)) {
        layers.upsert({ ...definition, schema: stored.schema }, now);
        summary.updated.push(definition.id);
      }
    }
    return summary;
  })();
}
