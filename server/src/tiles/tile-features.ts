import type { TagValue } from './mvt-points';
import type { LayerSchema } from '@shared/layers';

/** A feature in tile coordinates, in the shape geojson-vt produces and vt-pbf encodes. */
export type TileFeature = {
  id?: number;
  tags: Record<string, TagValue>;
} & ({ type: 1; geometry: [number, number][] } | { type: 2 | 3; geometry: [number, number][][] });

/** Size limits of one tile (those of tippecanoe and pg_tileserv). */
export const TILE_LIMITS = { maxBytes: 500 * 1024, maxFeaturesPerLayer: 50_000 } as const;

/** Longest string value copied into a tile; longer text stays in the feature API. */
export const MAX_TILE_STRING = 200;

/** Names of the schema properties that go into tiles: scalars, except those marked as long text. */
export function tilePropertyNames(schema: LayerSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, p]) => p['x-long-text'] !== true)
    .map(([name]) => name);
}

/** The MVT field types of a layer's tile properties, for TileJSON's vector_layers. */
export function tileFields(schema: LayerSchema): Record<string, string> {
  return Object.fromEntries(tilePropertyNames(schema).map((name) => {
    const type = schema.properties[name]!.type;
    return [name, type === 'string' ? 'String' : type === 'boolean' ? 'Boolean' : 'Number'];
  }));
}

/**
 * A stored property value as tiles carry it, or undefined when it stays out of them:
 * nulls, objects, arrays, non-finite numbers and strings longer than `maxString`.
 */
export function tileValue(v: unknown, maxString: number = MAX_TILE_STRING): TagValue | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && v.length <= maxString) return v;
  return undefined;
}

/** A stored properties value as an object (anything else, e.g. a bare number stored by hand, has no properties). */
export function propertiesObject(parsed: unknown): Record<string, unknown> {
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
}

/**
 * Picks the tile properties of a line or polygon feature for vt-pbf, which writes
 * every integral number as a varint (at most 64 bits): integers beyond ±2^53 are left out.
 */
export function pickTags(properties: unknown, names: readonly string[]): Record<string, TagValue> {
  const source = propertiesObject(properties);
  const tags: Record<string, TagValue> = {};
  for (const name of names) {
    const v = tileValue(source[name]);
    if (v === undefined || (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v))) continue;
    tags[name] = v;
  }
  return tags;
}
