import { computed, onScopeDispose, ref, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue';
import type { Role } from '@shared/auth';
import { browserFetch, type FetchLike } from '../../../api/http';
import { fetchCases, fetchQueues } from '../api';
import type { CaseList, QueuesAnswer } from '../types';
import { listParams, type CaseFilters } from './filters';
import { pickTab, tabsFor, type CaseTab } from './tabs';

/** Options of `useCaseQueue`. */
export interface UseCaseQueueOptions {
  filters: MaybeRefOrGetter<CaseFilters>;
  role: MaybeRefOrGetter<Role>;
  /** Cases filed from this device and not yet sent, shown above the caller's own reports. */
  outboxCount: MaybeRefOrGetter<number>;
  pageSize?: number;
  /** Milliseconds `refreshSoon` gathers events for. */
  settle?: number;
  fetch?: FetchLike;
}

/** What `useCaseQueue` returns. */
export interface CaseQueue {
  queues: ShallowRef<QueuesAnswer | null>;
  tabs: ComputedRef<CaseTab[]>;
  /** The tab shown (undefined until the queues are known). */
  tab: ComputedRef<CaseTab | undefined>;
  list: ShallowRef<CaseList | null>;
  status: Ref<'loading' | 'ready' | 'error'>;
  error: Ref<string>;
  pageSize: number;
  /** Reloads the counts and the list now. */
  refresh(): Promise<void>;
  /** Reloads once events have settled (live updates come in bursts, e.g. bulk dispatch). */
  refreshSoon(): void;
}

/**
 * The cases page's data: the caller's queues with counts, its tabs, and the page of cases the
 * tab and filters select. The list follows the filters; counts and list reload on `refresh`.
 */
export function useCaseQueue(options: UseCaseQueueOptions): CaseQueue {
  const fetch = options.fetch ?? browserFetch;
  const pageSize = options.pageSize ?? 50;
  const queues = shallowRef<QueuesAnswer | null>(null);
  const list = shallowRef<CaseList | null>(null);
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref('');
  const queuesLoaded = ref(false);
  let listRequest: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tabs = computed(() => tabsFor(toValue(options.role), queues.value, toValue(options.outboxCount)));
  const tab = computed(() => (queuesLoaded.value ? pickTab(tabs.value, toValue(options.filters).tab || undefined) : undefined));

  function fail(e: unknown): void {
    status.value = 'error';
    error.value = e instanceof Error ? e.message : String(e);
  }

  async function loadQueues(): Promise<void> {
    queues.value = await fetchQueues(fetch);
    queuesLoaded.value = true;
  }

  async function loadList(): Promise<void> {
    listRequest?.abort();
    const current = tab.value;
    if (!current) {
      status.value = 'ready';
      return;
    }
    const controller = new AbortController();
    listRequest = controller;
    status.value = 'loading';
    try {
      const next = await fetchCases(listParams(toValue(options.filters), current, pageSize), fetch, controller.signal);
      if (controller.signal.aborted) return;
      list.value = next;
      status.value = 'ready';
    } catch (e) {
      if (!controller.signal.aborted) fail(e);
    }
  }

  async function refresh(): Promise<void> {
    try {
      await loadQueues();
    } catch (e) {
      fail(e);
      return;
    }
    await loadList();
  }

  function refreshSoon(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, options.settle ?? 400);
  }

  watch(() => [tab.value?.key, JSON.stringify({ ...toValue(options.filters), tab: undefined })], () => {
    if (queuesLoaded.value) void loadList();
  });

  void refresh();

  onScopeDispose(() => {
    listRequest?.abort();
    if (timer) clearTimeout(timer);
  });

  return { queues, tabs, tab, list, status, error, pageSize, refresh, refreshSoon };
}
