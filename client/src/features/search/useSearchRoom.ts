import { onMounted, onScopeDispose, ref, type Ref } from 'vue';

/** The widest the search box grows, in pixels. */
export const SEARCH_MAX_WIDTH = 288;
/** Below this much room beside the toolbar the box folds into an icon. */
export const SEARCH_MIN_WIDTH = 160;
/** The box's left offset in the map (rem), clear of the layer panel toggle; as `.search-box` has it. */
export const SEARCH_LEFT_REM = 7.5;
const GAP = 8;
const EDGE = 12;

/** How wide the box can be from its left edge to the next thing on its right (the toolbar's left edge, else the map's right edge less a margin). */
export function searchWidth(boxLeft: number, obstacleLeft: number): { width: number; compact: boolean } {
  const room = Math.floor(obstacleLeft - boxLeft - GAP);
  return { width: Math.min(SEARCH_MAX_WIDTH, Math.max(0, room)), compact: room < SEARCH_MIN_WIDTH };
}

/** Options of `useSearchRoom`. */
export interface UseSearchRoomOptions {
  /** The search box; its offset parent is the map and holds the toolbar (`[data-testid="map-toolbar"]`). */
  element: Ref<HTMLElement | undefined>;
}

/**
 * Keeps the search box clear of the map toolbar on its right: its width follows the room left
 * between them as the map or the toolbar resize (the details panel opening, a phone turning), and
 * `compact` says when there is too little room for a usable box.
 */
export function useSearchRoom(options: UseSearchRoomOptions): { width: Ref<number>; compact: Ref<boolean> } {
  const width = ref(SEARCH_MAX_WIDTH);
  const compact = ref(false);
  let observer: ResizeObserver | undefined;

  function measure(): void {
    const box = options.element.value;
    const map = box?.parentElement;
    if (!box || !map) return;
    const mapRect = map.getBoundingClientRect();
    const toolbar = map.querySelector('[data-testid="map-toolbar"]')?.getBoundingClientRect();
    // where the box's left edge is in its inline place, whatever mode it is drawn in now
    const boxLeft = mapRect.left + parseFloat(getComputedStyle(document.documentElement).fontSize) * SEARCH_LEFT_REM;
    const next = searchWidth(boxLeft, toolbar && toolbar.width > 0 ? toolbar.left : mapRect.right - EDGE);
    width.value = next.width;
    compact.value = next.compact;
  }

  onMounted(() => {
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(measure);
    const map = options.element.value?.parentElement;
    if (map) observer.observe(map);
    const toolbar = map?.querySelector('[data-testid="map-toolbar"]');
    if (toolbar) observer.observe(toolbar);
  });
  onScopeDispose(() => observer?.disconnect());

  return { width, compact };
}
