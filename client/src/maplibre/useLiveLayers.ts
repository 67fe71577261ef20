import type { LayerLiveEvent } from '@shared/events';
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { onScopeDispose, toValue, type MaybeRefOrGetter, type Ref } from 'vue';
import type { LiveHub, LiveStatus } from '../live/liveHub';
import { useLiveEvents } from '../live/useLiveEvents';
import { reloadLayerSources } from './sourceReload';

/** Options of `useLiveLayers`. */
export interface UseLiveLayersOptions {
  /** The map whose sources follow the changes; none: only `onChange` is called. */
  map?: Pick<MaplibreMap, 'getSource' | 'getStyle'>;
  /** The style JSON the map was made from (its sources' TileJSON URLs); `map.getStyle()` by default. */
  style?: MaybeRefOrGetter<Pick<StyleSpecification, 'layers' | 'sources'> | null | undefined>;
  /** The version of a layer already shown (e.g. the catalogue's): changes up to it are skipped. */
  known?: (layerId: string) => number | undefined;
  /** Called after the map's sources were reloaded, with the layers that changed (drop cached features, refetch counts). */
  onChange?: (layerIds: string[]) => void;
  /** Quiet time after the last change before acting (an import is a burst of changes), ms. */
  debounceMs?: number;
  /** Longest a change waits while changes keep coming, ms. */
  maxWaitMs?: number;
  hub?: LiveHub;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (timer: unknown) => void;
}

/**
 * Keeps a map live: on `layer.changed` events (another user's edit, a case filed, an import) it
 * reloads the vector sources drawing each changed layer, so tiles of the new version replace the
 * old ones in place (view, selection and filters stay), then calls `onChange`. Bursts are gathered
 * (at most one reload per `debounceMs` of quiet, or per `maxWaitMs` while they keep coming).
 */
export function useLiveLayers(options: UseLiveLayersOptions): { status: Ref<LiveStatus> } {
  const debounceMs = options.debounceMs ?? 150;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const schedule = options.setTimeout ?? ((run, ms) => globalThis.setTimeout(run, ms));
  const cancel = options.clearTimeout ?? ((t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>));
  const pending = new Map<string, number>();
  let timer: unknown;
  let firstAt = 0;

  function flush(): void {
    timer = undefined;
    const changed = [...pending.keys()];
    pending.clear();
    if (changed.length === 0) return;
    if (options.map) {
      const style = toValue(options.style) ?? options.map.getStyle();
      for (const layerId of changed) reloadLayerSources(options.map, style, layerId);
    }
    options.onChange?.(changed);
  }

  function onLayer(data: unknown): void {
    const { layerId, version } = (data ?? {}) as Partial<LayerLiveEvent>;
    if (typeof layerId !== 'string' || typeof version !== 'number') return;
    if (version <= (options.known?.(layerId) ?? -1)) return;
    pending.set(layerId, Math.max(version, pending.get(layerId) ?? 0));
    const now = Date.now();
    if (timer === undefined) firstAt = now;
    else cancel(timer);
    timer = schedule(flush, Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - now)));
  }

  const live = useLiveEvents({ on: { 'layer.changed': onLayer }, ...(options.hub ? { hub: options.hub } : {}) });
  onScopeDispose(() => {
    if (timer !== undefined) cancel(timer);
  });
  return live;
}
