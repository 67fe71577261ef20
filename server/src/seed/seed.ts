import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../db/database';
import { createLayerRepository, createFeatureRepository, checkFeature, checkLayerSchema, checkWithin, toNewFeature, DISTRICT_BOUNDARY_LAYER } from '../features/layers';
import { createIndicatorRepository } from '../features/indicators';
import { readCatalogue, SeedError, type Catalogue, type CatalogueLayer } from './catalogue';
import { readCaseData, storeCaseData } from '../features/cases';

export { DISTRICT_BOUNDARY_LAYER };

/** What a seed run stored. */
export interface SeedSummary {
  layers: { id: string; features: number }[];
  indicators: number;
  /** Case categories stored (0 when the data folder has no case-categories.json). */
  caseCategories: number;
}

function featureLabel(layer: CatalogueLayer, index: number): string {
  const props = (layer.features[index]?.properties ?? {}) as Record<string, unknown>;
  const name = props[layer.definition.labelProperty ?? 'name'] ?? props.name;
  return `feature #${index}${typeof name === 'string' ? ` (${name})` : ''}`;
}

function findBoundary(catalogue: Catalogue): Feature<Polygon | MultiPolygon> | undefined {
  const layer = catalogue.layers.find((l) => l.definition.id === DISTRICT_BOUNDARY_LAYER);
  return layer?.features[0] as Feature<Polygon | MultiPolygon> | undefined;
}

/** Validates every layer and feature; throws a SeedError naming the first bad one. */
export function validateCatalogue(catalogue: Catalogue): void {
  const boundary = findBoundary(catalogue);
  for (const layer of catalogue.layers) {
    const { definition: def } = layer;
    const schemaProblems = checkLayerSchema(def.schema);
    if (schemaProblems.length) throw new SeedError('data/layers.json', schemaProblems[0]!.message, `layer "${def.id}"`);
    layer.features.forEach((feature, i) => {
      const problems = checkFeature(feature, def.geometryType, def.schema);
      if (problems.length === 0 && def.withinDistrict) {
        if (!boundary) throw new SeedError('data/layers.json', `layer "${DISTRICT_BOUNDARY_LAYER}" is needed to check withinDistrict layers`);
        problems.push(...checkWithin(feature.geometry, boundary));
      }
      if (problems.length) {
        throw new SeedError(layer.file, problems.map((p) => `${p.path}: ${p.message}`).join('; '), featureLabel(layer, i));
      }
    });
  }
}

/**
 * Stores a validated catalogue in one transaction: layers are upserted (their
 * versions bumped), their features replaced, and the indicators of each year replaced.
 */
export function storeCatalogue(db: Db, catalogue: Catalogue, now = new Date().toISOString()): SeedSummary {
  const layers = createLayerRepository(db);
  const features = createFeatureRepository(db);
  const indicators = createIndicatorRepository(db);
  return db.transaction((): SeedSummary => {
    const summary: SeedSummary = { layers: [], indicators: catalogue.indicators.length, caseCategories: 0 };
    for (const { definition } of catalogue.layers) features.deleteAllOfLayer(definition.id);
    catalogue.layers.forEach(({ definition: d, features: list }, sortOrder) => {
      const layer = {
        id: d.id, title: d.title, description: d.description ?? { zh: '', en: '' }, group: d.group,
        geometryType: d.geometryType, schema: d.schema, style: d.style, attribution: d.attribution, sortOrder,
        options: { withinDistrict: d.withinDistrict, temporal: d.temporal, labelProperty: d.labelProperty },
      };
      layers.upsert(layer, now);
      for (const f of list) features.insert(toNewFeature(layer, f), now);
      summary.layers.push({ id: d.id, features: list.length });
    });
    indicators.replaceYears(catalogue.indicators);
    return summary;
  })();
}

/** Reads, validates and stores the demo data of `dataDir`, with the case catalogue and calendar. Idempotent. */
export function seedDatabase(db: Db, dataDir: string): SeedSummary {
  const catalogue = readCatalogue(dataDir);
  validateCatalogue(catalogue);
  const cases = readCaseData(dataDir);
  return db.transaction((): SeedSummary => {
    const summary = storeCatalogue(db, catalogue);
    return { ...summary, caseCategories: storeCaseData(db, cases) };
  })();
}

/** True when the database holds no layer yet. */
export function isEmpty(db: Db): boolean {
  return createLayerRepository(db).list().length === 0;
}
