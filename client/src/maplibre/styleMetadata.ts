/** Roles a style layer can play for its catalogue layer (`metadata['qingbo:role']`). */
export const STYLE_LAYER_ROLES = ['fill', 'line', 'casing', 'circle', 'label', 'count'] as const;
/** What a style layer draws for its catalogue layer. */
export type StyleLayerRole = (typeof STYLE_LAYER_ROLES)[number];

/** Roles that draw a feature's geometry, as opposed to a casing, a label or an aggregate's count. */
export const GEOMETRY_ROLES: readonly StyleLayerRole[] = ['circle', 'line', 'fill'];

/** The part of a style layer (a spec or a live MapLibre layer) these helpers read. */
export interface TaggedLayer {
  id: string;
  metadata?: unknown;
}

function tag(layer: TaggedLayer, key: string): unknown {
  const metadata = layer.metadata;
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)[key] : undefined;
}

/** The catalogue layer id a style layer draws (`metadata['qingbo:layer']`), if any. */
export function catalogueLayerOf(layer: TaggedLayer): string | undefined {
  const id = tag(layer, 'qingbo:layer');
  return typeof id === 'string' ? id : undefined;
}

/** The role of a style layer (`metadata['qingbo:role']`), if it draws part of a catalogue layer. */
export function roleOf(layer: TaggedLayer): StyleLayerRole | undefined {
  const role = tag(layer, 'qingbo:role');
  return STYLE_LAYER_ROLES.find((r) => r === role);
}
