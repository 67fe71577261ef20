import type { LayerSchema } from '../contracts/layers';

/** A feature in tile coordinates, in the shape geojson-vt produces and vt-pbf encodes. */
export type TileFeature = {
  id?: number;
  tags: Record<string, string | number | boolean>;
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

/** Picks the tile properties out of a feature's properties, skipping nulls and long strings. */
export function pickTags(properties: Record<string, unknown>, names: readonly string[]): Record<string, string | number | boolean> {
  const tags: Record<string, string | number | boolean> = {};
  for (const name of names) {
    const v = properties[name];
    if (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_TILE_STRING)) tags[name] = v;
  }
  return tags;
}
