import type { Feature, FeatureCollection } from 'geojson';
import type { LayerInfo } from '@shared/layers';
import { normalizeText, type SearchField } from './match';

/** Describing properties searched besides the names: codes, aliases and addresses (either language). */
const DESCRIBING_KEY = /^(?:alias|code)(?:_en)?$|address/;

/** One feature as the search box knows it. */
export interface SearchEntry {
  layerId: string;
  featureId: string;
  feature: Feature;
  fields: SearchField[];
}

/** The layers the search box looks through: every catalogue layer (workflow layers such as the cases by their names only, see {@link searchableKeys}). */
export function searchableLayers(layers: readonly LayerInfo[]): LayerInfo[] {
  return [...layers];
}

/**
 * The string properties of a layer that are searched, names first: `name`, `name_en`, the label
 * property and its `_en` variant, then codes, aliases and addresses. A read-only (workflow) layer
 * is searched by its names only: a case by its number (QB2011-000123), not by its community.
 */
export function searchableKeys(layer: Pick<LayerInfo, 'schema' | 'labelProperty' | 'readOnly'>): { key: string; isName: boolean }[] {
  const names = new Set(['name', 'name_en', ...(layer.labelProperty ? [layer.labelProperty, `${layer.labelProperty}_en`] : [])]);
  const strings = Object.entries(layer.schema.properties).filter(([, schema]) => schema.type === 'string').map(([key]) => key);
  return [
    ...strings.filter((key) => names.has(key)).map((key) => ({ key, isName: true })),
    ...strings.filter((key) => !layer.readOnly && !names.has(key) && DESCRIBING_KEY.test(key)).map((key) => ({ key, isName: false })),
  ];
}

/** The search entries of a layer's features: those with an id and at least one non-empty searchable property. */
export function searchEntries(layer: Pick<LayerInfo, 'id' | 'schema' | 'labelProperty' | 'readOnly'>, collection: FeatureCollection): SearchEntry[] {
  const keys = searchableKeys(layer);
  const entries: SearchEntry[] = [];
  for (const feature of collection.features) {
    if (feature.id === undefined || !feature.geometry) continue;
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const fields: SearchField[] = [];
    for (const { key, isName } of keys) {
      const value = properties[key];
      if (typeof value !== 'string' || value.trim() === '') continue;
      fields.push({ key, value, normalized: normalizeText(value), isName });
    }
    if (fields.length > 0) entries.push({ layerId: layer.id, featureId: String(feature.id), feature, fields });
  }
  return entries;
}
