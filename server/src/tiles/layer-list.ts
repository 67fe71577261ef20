import { LAYER_ID_PATTERN } from '@shared/layers';

/**
 * Most distinct layers one tile or TileJSON request may name: room for every layer of a
 * catalogue like the demo district's (17) in one request, as GDAL and the overview ask.
 */
export const MAX_LAYERS_PER_REQUEST = 32;

/** Longest layer list of a tile or TileJSON URL, in characters; checked before the list is split. */
export const MAX_LAYER_LIST_LENGTH = 1024;

const LAYER_LIST = new RegExp(`^${LAYER_ID_PATTERN}(,${LAYER_ID_PATTERN})*$`);

/** A parsed layer list: distinct ids in their first order, or why the list is refused. */
export type LayerList = { ok: true; ids: string[] } | { ok: false; reason: 'syntax' | 'limit'; message: string };

/**
 * Parses the `{layer[,layer…]}` part of a tile or TileJSON URL: bounded in length
 * before it is split, repeated ids dropped (first order kept), at most
 * MAX_LAYERS_PER_REQUEST distinct ids.
 */
export function parseLayerList(list: string): LayerList {
  if (list.length > MAX_LAYER_LIST_LENGTH) {
    return { ok: false, reason: 'limit', message: `the layer list is longer than ${MAX_LAYER_LIST_LENGTH} characters; a request names at most ${MAX_LAYERS_PER_REQUEST} layers` };
  }
  if (!LAYER_LIST.test(list)) return { ok: false, reason: 'syntax', message: 'layers must be a comma-separated list of layer ids' };
  const ids = [...new Set(list.split(','))];
  if (ids.length > MAX_LAYERS_PER_REQUEST) {
    return { ok: false, reason: 'limit', message: `a request names at most ${MAX_LAYERS_PER_REQUEST} distinct layers; this one names ${ids.length}` };
  }
  return { ok: true, ids };
}
