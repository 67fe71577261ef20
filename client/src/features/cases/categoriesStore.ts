import { defineStore } from 'pinia';
import { ref } from 'vue';
import { browserFetch, type FetchLike } from '../../api/http';
import { fetchCategories } from './api';
import type { CaseCategory } from './types';

/** localStorage key of the last catalogue seen, so that filing works when the network is down. */
export const CATEGORY_CACHE_KEY = 'qingbo.caseCategories';

/** Options of `load`; tests inject `fetch` and `storage`. */
export interface LoadCategoriesOptions {
  fetch?: FetchLike;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function readCache(storage: Pick<Storage, 'getItem'> | null): CaseCategory[] | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(CATEGORY_CACHE_KEY) ?? 'null');
    return Array.isArray(parsed) ? (parsed as CaseCategory[]) : null;
  } catch {
    return null;
  }
}

/**
 * The case category catalogue. A catalogue loaded once is kept in localStorage and used when the
 * server cannot be reached (`stale` then says so).
 */
export const useCategoriesStore = defineStore('case-categories', () => {
  const categories = ref<CaseCategory[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const stale = ref(false);
  const error = ref<string | null>(null);
  let pending: Promise<void> | undefined;

  /** Fetches the catalogue; falls back to the cached one when the request fails. */
  function load({ fetch = browserFetch, storage = safeStorage() }: LoadCategoriesOptions = {}): Promise<void> {
    status.value = categories.value.length > 0 ? status.value : 'loading';
    pending = fetchCategories(fetch)
      .then((list) => {
        categories.value = list;
        stale.value = false;
        error.value = null;
        status.value = 'ready';
        try {
          storage?.setItem(CATEGORY_CACHE_KEY, JSON.stringify(list));
        } catch (e) {
          console.warn('categories: not cached', e);
        }
      })
      .catch((e: unknown) => {
        error.value = e instanceof Error ? e.message : String(e);
        const cached = categories.value.length > 0 ? categories.value : readCache(storage);
        if (cached) {
          categories.value = cached;
          stale.value = true;
          status.value = 'ready';
        } else status.value = 'error';
      });
    return pending;
  }

  /** Loads once; later calls share the first load. */
  function ensureLoaded(options: LoadCategoriesOptions = {}): Promise<void> {
    if (status.value === 'ready') return Promise.resolve();
    return pending && status.value === 'loading' ? pending : load(options);
  }

  /** The category of a code. */
  function byCode(code: string): CaseCategory | undefined {
    return categories.value.find((c) => c.code === code);
  }

  /** Puts a saved category in place of its old version, or after the last one of its major class when it is new. */
  function upsert(category: CaseCategory): void {
    const list = [...categories.value];
    const at = list.findIndex((c) => c.code === category.code);
    if (at >= 0) list[at] = category;
    else {
      const last = list.findLastIndex((c) => c.major.code === category.major.code);
      list.splice(last >= 0 ? last + 1 : list.length, 0, category);
    }
    categories.value = list;
  }

  return { categories, status, stale, error, load, ensureLoaded, byCode, upsert };
});
