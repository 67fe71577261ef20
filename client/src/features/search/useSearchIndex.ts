import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import type { LayerInfo } from '@shared/layers';
import type { FeatureCache } from '../workspace';
import { searchableLayers, searchEntries, type SearchEntry } from './searchIndex';

/** Progress of gathering the searchable features. */
export type SearchIndexStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What `useSearchIndex` returns. */
export interface SearchIndex {
  status: Ref<SearchIndexStatus>;
  entries: ShallowRef<readonly SearchEntry[]>;
  /** Ids of the layers whose features could not be fetched on the last load. */
  failed: Ref<string[]>;
  /** Whether a layer's features changed since the last load (it was not reloaded: the box was not in use). */
  stale: Ref<boolean>;
  /**
   * Gathers the features of every searchable layer through the cache: the first time with
   * `loading`, later silently (the cache only refetches layers changed since, e.g. by an edit).
   */
  load(): Promise<void>;
}

/** Options of `useSearchIndex`. */
export interface UseSearchIndexOptions {
  /** The layer catalogue; read-only layers are left out. */
  layers: MaybeRefOrGetter<readonly LayerInfo[]>;
  cache: FeatureCache;
  /** Whether the search is in use (focused): a change then reloads at once; true by default. */
  active?: MaybeRefOrGetter<boolean>;
}

/** The search box's features, fetched only when `load` is first called (on focus or typing), then again when a layer's cached features are dropped. */
export function useSearchIndex(options: UseSearchIndexOptions): SearchIndex {
  const status = ref<SearchIndexStatus>('idle');
  const entries = shallowRef<readonly SearchEntry[]>([]);
  const failed = ref<string[]>([]);
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    const layers = searchableLayers(toValue(options.layers));
    if (status.value !== 'ready') status.value = 'loading';
    const settled = await Promise.allSettled(layers.map((layer) => options.cache.collection(layer.id)));
    if (request !== latest) return;
    entries.value = layers.flatMap((layer, i) => {
      const result = settled[i]!;
      return result.status === 'fulfilled' ? searchEntries(layer, result.value) : [];
    });
    failed.value = layers.filter((_, i) => settled[i]!.status === 'rejected').map((layer) => layer.id);
    status.value = layers.length > 0 && failed.value.length === layers.length ? 'error' : 'ready';
  }

  // Once loaded, the index follows the cache: a layer dropped from it (an edit, a live update) makes it stale,
  // gathered again while the box is in use (`active`) or at the next load; a map left alone refetches nothing.
  const stale = ref(false);
  watch(() => searchableLayers(toValue(options.layers)).map((layer) => options.cache.revision(layer.id)).join(), () => {
    if (status.value === 'idle') return;
    stale.value = true;
    if (toValue(options.active) ?? true) void load();
  });

  async function loadFresh(): Promise<void> {
    stale.value = false;
    await load();
  }

  return { status, entries, failed, stale, load: loadFresh };
}
