import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router';
import { useLayersStore } from '../layers';
import { useTimelineStore } from './timelineStore';
import { usePlannerStore } from './plannerStore';
import { decodeUrlState, encodeUrlState } from './urlState';

/**
 * Keeps the /map link in step with the planner's state: on entry restores the view, filters and
 * selection from the query (and the visible layers once the catalogue is ready), then writes them
 * back with `router.replace` whenever they change, so the address can be shared.
 */
export function usePlannerUrl(options: { enabled?: MaybeRefOrGetter<boolean> } = {}): void {
  const route = useRoute();
  const router = useRouter();
  const layers = useLayersStore();
  const planner = usePlannerStore();
  const timeline = useTimelineStore();
  const restored = decodeUrlState(route.query);
  let layersRestored = restored.layers === undefined;
  // a replace while another navigation is pending would cancel it: stop writing once leaving
  let leaving = false;
  const ownPath = route.path;
  onBeforeRouteLeave(() => {
    leaving = true;
  });
  const stopAfterEach = router.afterEach((to) => {
    if (to.path === ownPath) leaving = false;
  });
  onScopeDispose(stopAfterEach);

  if (restored.view) planner.setView(restored.view);
  if (Object.keys(restored.filters).length > 0) planner.setFilters(restored.filters);
  if (restored.selection) planner.select(restored.selection);
  if (restored.asOf) timeline.setDate(restored.asOf);
  for (const [id, value] of Object.entries(restored.opacity ?? {})) layers.setOpacity(id, value);

  watch(() => layers.status, (status) => {
    if (status !== 'ready' || layersRestored) return;
    layersRestored = true;
    const shown = new Set(restored.layers);
    for (const layer of layers.layers) layers.setVisible(layer.id, shown.has(layer.id));
  }, { immediate: true });

  watch(
    () => ({ view: planner.view, filters: planner.filters, selection: planner.selection, asOf: timeline.date, visibility: { ...layers.visibility }, opacity: layers.opacity, ready: layers.status === 'ready' }),
    (state) => {
      if (leaving || !state.ready || !layersRestored || toValue(options.enabled) === false) return;
      const query = encodeUrlState({
        ...(state.view ? { view: state.view } : {}),
        layers: layers.layers.filter((l) => state.visibility[l.id]).map((l) => l.id),
        filters: state.filters,
        ...(state.selection ? { selection: state.selection } : {}),
        ...(state.asOf ? { asOf: state.asOf } : {}),
        opacity: Object.fromEntries(Object.entries(state.opacity).filter(([id]) => layers.layerById(id))),
      });
      if (JSON.stringify(query) === JSON.stringify(route.query)) return;
      void router.replace({ query });
    },
    { deep: true, immediate: true },
  );
}
