import type { OverviewResponse } from '@shared/overview';
import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { FetchLike } from '../../api/http';
import { useCaseEvents, type EventSourceLike, type LiveStatus } from '../cases';
import { fetchOverview } from './api';

/** Options of `useOverview`. */
export interface UseOverviewOptions {
  /** The community to filter to (a 12-digit code), or null for the district. */
  community: Ref<string | null>;
  fetch: FetchLike;
  /** Milliseconds to wait after a case event before refetching (events come in bursts). */
  debounceMs?: number;
  /** Creates the live event source (tests pass a fake). */
  connect?: (url: string) => EventSourceLike;
}

/** What `useOverview` returns. */
export interface UseOverview {
  data: ShallowRef<OverviewResponse | undefined>;
  error: Ref<string | null>;
  /** When the data shown was last fetched. */
  updatedAt: Ref<Date | null>;
  /** The live stream's state; anything but `live` means the figures may be stale. */
  status: Ref<LiveStatus>;
  refresh(): Promise<void>;
}

/**
 * The overview's data: fetched for the chosen community, refetched (debounced) on every
 * live case event, and once more when the stream comes back after a drop (to catch up).
 */
export function useOverview(options: UseOverviewOptions): UseOverview {
  const debounceMs = options.debounceMs ?? 400;
  const data = shallowRef<OverviewResponse>();
  const error = ref<string | null>(null);
  const updatedAt = ref<Date | null>(null);
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    try {
      data.value = await fetchOverview(options.community.value, options.fetch, current.signal);
      updatedAt.value = new Date();
      error.value = null;
    } catch (e) {
      if (current.signal.aborted) return;
      error.value = e instanceof Error ? e.message : String(e);
      console.warn('overview: refresh failed', e);
    }
  }

  function refreshSoon(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, debounceMs);
  }

  const { status } = useCaseEvents({ onCase: refreshSoon, ...(options.connect ? { connect: options.connect } : {}) });
  watch(status, (now, before) => {
    if (now === 'live' && before !== 'live' && data.value) refreshSoon();
  });
  watch(options.community, () => void refresh(), { immediate: true });

  onScopeDispose(() => {
    controller?.abort();
    if (timer !== undefined) clearTimeout(timer);
  });
  return { data, error, updatedAt, status, refresh };
}
