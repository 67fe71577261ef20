import type { searchZhCN } from './search.zh-CN';

/** English strings of the feature search box on /map. */
export const searchEn: typeof searchZhCN = {
  label: 'Search features',
  placeholder: 'Search places, roads, communities, grid cells, case numbers…',
  loading: 'Loading searchable features…',
  empty: 'No matches',
  failed: 'These layers could not be loaded, results may be incomplete: {layers}',
  retry: 'Retry',
  count: '{count} results',
  more: '{total} results, showing the first {shown}',
  clear: 'Clear search',
  matchedBy: '{field}: {value}',
};
