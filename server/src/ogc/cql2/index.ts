import type { FeatureFilter, Layer } from '../../features/layers';
import type { Crs } from '../crs';
import { parseCql2Json } from './json-parser';
import { Budget, CQL2_LIMITS, filterError } from './raw';
import { TextParser } from './text-parser';
import { validateFilter } from './validate';

export { CQL2_LIMITS } from './raw';
export { GEOMETRY_QUERYABLE } from './validate';

/** Filter languages of `filter-lang`; `cql-text` is the draft name GDAL 3.6 sends for the same text encoding. */
export const FILTER_LANGS = ['cql2-text', 'cql2-json', 'cql-text'] as const;

/** A `filter-lang` value. */
export type FilterLang = (typeof FILTER_LANGS)[number];

/** OGC API – Features Part 3 and CQL2 conformance classes implemented (covered by tests/integration/ogc-filter.test.ts and ogc.test.ts). */
export const FILTER_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
  'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
];

/**
 * Parses, bounds and validates a `filter` for a collection. Refused with a 400 naming the reason
 * before any query runs: longer than 8 KB, control characters, more than 200 nodes, deeper than
 * 20 levels, more than 10,000 geometry positions, an unknown property or a type mismatch.
 */
export function parseFilter(text: string, lang: FilterLang, layer: Layer, filterCrs: Crs): FeatureFilter {
  if (text.length > CQL2_LIMITS.maxLength) throw filterError(`longer than ${CQL2_LIMITS.maxLength} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) throw filterError('contains a control character');
  if (text.trim() === '') throw filterError('is empty');
  const budget = new Budget();
  const raw = lang === 'cql2-json' ? parseCql2Json(text, budget) : new TextParser(text, budget).parse();
  return validateFilter(raw, layer, filterCrs);
}
