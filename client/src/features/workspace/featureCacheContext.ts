import { inject, type InjectionKey } from 'vue';
import { browserFetch } from '../../api/http';
import { createFeatureCache, type FeatureCache } from './featureCache';

/** Injection key of the /map page's feature cache. */
export const FEATURE_CACHE: InjectionKey<FeatureCache> = Symbol('qingbo-feature-cache');

let fallback: FeatureCache | undefined;

/** The feature cache provided by the page, or one shared app-wide over the browser's fetch. */
export function useFeatureCache(): FeatureCache {
  const provided = inject(FEATURE_CACHE, undefined);
  if (provided) return provided;
  fallback ??= createFeatureCache(browserFetch);
  return fallback;
}
