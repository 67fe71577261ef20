import { defineStore } from 'pinia';
import type { StyleSpecification } from 'maplibre-gl';
import { computed, ref, shallowRef } from 'vue';
import type { LayerInfo } from '@shared/layers';
import { browserFetch, type FetchLike } from '../../api/http';
import { DEFAULT_LOCALE, type AppLocale } from '../../i18n/locale';
import { clampOpacity } from '../../maplibre/opacity';
import { catalogueLayerOf } from '../../maplibre/styleMetadata';
import { styleUrl } from '../../maplibre/styles';
import { fetchLayers, fetchStyle } from './api';
import { groupLayers } from './groups';
import { legendOf } from './legend';

/** Progress of loading the layer catalogue and the console style. */
export type CatalogueStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What `load` and `loadStyle` may be given; tests inject `fetch`. */
export interface LoadLayersOptions {
  fetch?: FetchLike;
  /** UI locale the style's labels are in. */
  locale?: AppLocale;
}

/**
 * Whether a catalogue layer starts visible: unless the style hides every one of its style layers
 * (`layout.visibility: none`), as it may for a layer too dense to show at first.
 */
export function shownByStyle(style: StyleSpecification, layerId: string): boolean {
  const own = style.layers.filter((l) => catalogueLayerOf(l) === layerId);
  return own.length === 0 || own.some((l) => (l.layout as { visibility?: string } | undefined)?.visibility !== 'none');
}

/**
 * The layer catalogue, the console's map style (plain JSON) and view state: which layers are
 * visible and how opaque. Plain serialisable state only; the map itself lives in `MapView`.
 */
export const useLayersStore = defineStore('layers', () => {
  const layers = ref<LayerInfo[]>([]);
  const style = shallowRef<StyleSpecification | null>(null);
  /** The locale the style's labels are in. */
  const styleLocale = ref<AppLocale | null>(null);
  const visibility = ref<Record<string, boolean>>({});
  /** Opacity factor (0…1) per layer id; layers missing from it are drawn as the style has them. */
  const opacity = ref<Record<string, number>>({});
  const status = ref<CatalogueStatus>('idle');
  const error = ref<string | null>(null);
  let latestLoad = 0;
  let latestStyle = 0;

  const groups = computed(() => groupLayers(layers.value));
  /** Swatch colour per catalogue layer, as the style draws it. */
  const legend = computed(() => legendOf(style.value));

  function setStyle(next: StyleSpecification, locale: AppLocale): void {
    style.value = next;
    styleLocale.value = locale;
  }

  function fail(e: unknown): void {
    status.value = 'error';
    error.value = e instanceof Error ? e.message : String(e);
  }

  /** Fetches the catalogue and the style; layers keep a visibility chosen earlier and start as the style shows them otherwise. */
  async function load({ fetch = browserFetch, locale = DEFAULT_LOCALE }: LoadLayersOptions = {}): Promise<void> {
    const request = ++latestLoad;
    const styleRequest = ++latestStyle;
    status.value = 'loading';
    error.value = null;
    try {
      const [list, nextStyle] = await Promise.all([fetchLayers(fetch), fetchStyle(styleUrl('console', locale), fetch)]);
      if (request !== latestLoad) return;
      layers.value = list;
      if (styleRequest === latestStyle) setStyle(nextStyle, locale);
      visibility.value = Object.fromEntries(list.map((l) => [l.id, visibility.value[l.id] ?? shownByStyle(nextStyle, l.id)]));
      status.value = 'ready';
    } catch (e) {
      if (request === latestLoad) fail(e);
    }
  }

  /** Fetches the style again with labels in another locale (the catalogue stays). */
  async function loadStyle({ fetch = browserFetch, locale = DEFAULT_LOCALE }: LoadLayersOptions = {}): Promise<void> {
    const request = ++latestStyle;
    try {
      const nextStyle = await fetchStyle(styleUrl('console', locale), fetch);
      if (request === latestStyle) setStyle(nextStyle, locale);
    } catch (e) {
      if (request === latestStyle) fail(e);
    }
  }

  /** Fetches the catalogue again after a write so feature counts and extents stay true; the style and visibility stay. */
  async function refreshCatalogue({ fetch = browserFetch }: Pick<LoadLayersOptions, 'fetch'> = {}): Promise<void> {
    const request = ++latestLoad;
    try {
      const list = await fetchLayers(fetch);
      if (request !== latestLoad) return;
      layers.value = list;
      visibility.value = Object.fromEntries(list.map((l) => [l.id, visibility.value[l.id] ?? (style.value ? shownByStyle(style.value, l.id) : false)]));
    } catch {
      // Counts stay as they were; the map itself is already up to date.
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

  /** A layer's opacity factor: 1 unless set. */
  function opacityOf(id: string): number {
    return opacity.value[id] ?? 1;
  }

  /** Sets a layer's opacity factor (clamped to 0…1); 1 removes it. Ids of layers not loaded yet are kept, e.g. from a shared link. */
  function setOpacity(id: string, value: number): void {
    const { [id]: _old, ...others } = opacity.value;
    const next = clampOpacity(value);
    opacity.value = next === 1 ? others : { ...others, [id]: next };
  }

  return {
    layers, style, styleLocale, visibility, opacity, status, error, groups, legend,
    load, loadStyle, refreshCatalogue, layerById, isVisible, setVisible, toggle, opacityOf, setOpacity,
  };
});
