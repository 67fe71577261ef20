import { onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import { browserFetch, isNetworkError, type FetchLike } from '../../../api/http';
import { fetchDuplicates, fetchLocation } from '../api';
import type { CaseLocation, DuplicatesAnswer } from '../types';

/** Options of `usePlaceChecks`. */
export interface UsePlaceChecksOptions {
  point: MaybeRefOrGetter<[number, number] | null>;
  category: MaybeRefOrGetter<string>;
  /** Whether the network is there (no requests otherwise). */
  online?: MaybeRefOrGetter<boolean>;
  /** Milliseconds to wait for the inputs to settle. */
  debounce?: number;
  fetch?: FetchLike;
}

/** What `usePlaceChecks` returns. */
export interface PlaceChecks {
  /** The point's street, community and grid. */
  location: ShallowRef<CaseLocation | null>;
  locationStatus: Ref<'idle' | 'loading' | 'ready' | 'offline' | 'error'>;
  /** Open cases of the category nearby. */
  duplicates: ShallowRef<DuplicatesAnswer | null>;
}

/**
 * What the server knows about a point being filed: its street, community and grid, and open
 * cases of the same category nearby (possible duplicates). Re-asked when the point or the
 * category changes (debounced, earlier requests aborted); nothing is asked while offline.
 */
export function usePlaceChecks(options: UsePlaceChecksOptions): PlaceChecks {
  const fetch = options.fetch ?? browserFetch;
  const location = shallowRef<CaseLocation | null>(null);
  const locationStatus = ref<PlaceChecks['locationStatus']['value']>('idle');
  const duplicates = shallowRef<DuplicatesAnswer | null>(null);
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPoint = '';

  async function check(point: [number, number] | null, category: string, online: boolean): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    if (!point) {
      location.value = null;
      duplicates.value = null;
      locationStatus.value = 'idle';
      return;
    }
    if (!online) {
      locationStatus.value = 'offline';
      duplicates.value = null;
      return;
    }
    const [lon, lat] = point;
    const pointKey = `${lon},${lat}`;
    const locating = pointKey !== lastPoint || location.value === null;
    if (locating) locationStatus.value = 'loading';
    const asks: Promise<void>[] = [];
    if (locating) {
      asks.push(fetchLocation(lon, lat, fetch, current.signal).then((found) => {
        location.value = found;
        locationStatus.value = 'ready';
        lastPoint = pointKey;
      }, (e: unknown) => {
        if (current.signal.aborted) return;
        locationStatus.value = isNetworkError(e) ? 'offline' : 'error';
        console.warn('locate failed:', e);
      }));
    }
    asks.push(category
      ? fetchDuplicates(category, lon, lat, fetch, current.signal).then((found) => {
        duplicates.value = found;
      }, (e: unknown) => {
        if (!current.signal.aborted) console.warn('duplicate check failed:', e);
      })
      : Promise.resolve().then(() => {
        duplicates.value = null;
      }));
    await Promise.all(asks);
  }

  watch(
    () => [toValue(options.point), toValue(options.category), toValue(options.online ?? true)] as const,
    ([point, category, online]) => {
      if (timer) clearTimeout(timer);
      if (point && online && `${point[0]},${point[1]}` !== lastPoint) locationStatus.value = 'loading';
      timer = setTimeout(() => void check(point, category, online), options.debounce ?? 300);
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    if (timer) clearTimeout(timer);
    controller?.abort();
  });

  return { location, locationStatus, duplicates };
}
