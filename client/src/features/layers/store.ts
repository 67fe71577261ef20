import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LayerInfo } from '@contracts/layers';
import { browserFetch, type FetchLike } from '../../api/http';
import { fetchLayers } from './api';
import { groupLayers } from './groups';

/** Progress of loading the layer catalogue. */
export type CatalogueStatus = 'idle' | 'loading' | 'ready' | 'error';
/** Progress of loading one layer's features onto the map. */
export type LayerDataStatus = 'loading' | 'ready' | 'error';

/** What `load` may be given; tests inject `fetch`. */
export interface LoadLayersOptions {
  fetch?: FetchLike;
}

/**
 * The layer catalogue and its view state: which layers are visible and how far their data has
 * loaded. Plain serialisable state only; the map itself lives in `MapView`.
 */
export const useLayersStore = defineStore('layers', () => {
  const layers = ref<LayerInfo[]>([]);
  const visibility = ref<Record<string, boolean>>({});
  const dataStatus = ref<Record<string, LayerDataStatus>>({});
  const status = ref<CatalogueStatus>('idle');
  const error = ref<string | null>(null);
  let latestRequest = 0;

  const groups = computed(() => groupLayers(layers.value));
  const dataSettled = computed(
    () => status.value === 'ready' && layers.value.every((l) => dataStatus.value[l.id] === 'ready' || dataStatus.value[l.id] === 'error'),
  );

  /** Fetches the catalogue; layers keep a visibility chosen earlier and start visible otherwise. */
  async function load({ fetch = browserFetch }: LoadLayersOptions = {}): Promise<void> {
    const request = ++latestRequest;
    status.value = 'loading';
    error.value = null;
    try {
      const list = await fetchLayers(fetch);
      if (request !== latestRequest) return;
      layers.value = list;
      visibility.value = Object.fromEntries(list.map((l) => [l.id, visibility.value[l.id] ?? true]));
      dataStatus.value = Object.fromEntries(Object.entries(dataStatus.value).filter(([id]) => list.some((l) => l.id === id)));
      status.value = 'ready';
    } catch (e) {
      if (request !== latestRequest) return;
      status.value = 'error';
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** The catalogue entry of a layer id. */
  function layerById(id: string): LayerInfo | undefined {
    return layers.value.find((l) => l.id === id);
  }

  /** Whether a layer is shown; unknown layers are not. */
  function isVisible(id: string): boolean {
    return visibility.value[id] === true;
  }

  /** Shows or hides a known layer. */
  function setVisible(id: string, visible: boolean): void {
    if (!(id in visibility.value)) return;
    visibility.value[id] = visible;
  }

  /** Flips a known layer's visibility. */
  function toggle(id: string): void {
    setVisible(id, !isVisible(id));
  }

  /** Records how far a layer's features have loaded onto the map. */
  function setDataStatus(id: string, next: LayerDataStatus): void {
    dataStatus.value[id] = next;
  }

  return { layers, visibility, dataStatus, status, error, groups, dataSettled, load, layerById, isVisible, setVisible, toggle, setDataStatus };
});
