import { CQL2_LIMITS } from '../../server/src/ogc/cql2';

/** A query string for `/items` with a filter (and its language); the default page of 100, so the time is the filter's. */
const items = (filter: string, extra = '') => `?filter=${encodeURIComponent(filter)}${extra}`;

/**
 * The costliest filter the server accepts: a polygon ring around the whole district with as many
 * vertices as fit in the length bound, so that every feature is a candidate for the exact test.
 */
export function widestAcceptedFilter(centre: { lon: number; lat: number }): string {
  const ring = (n: number) => {
    const points = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return `${(centre.lon + 0.03 * Math.cos(a)).toFixed(7)} ${(centre.lat + 0.025 * Math.sin(a)).toFixed(7)}`;
    });
    return `S_INTERSECTS(geometry, POLYGON((${[...points, points[0]].join(', ')})))`;
  };
  let n = 16;
  while (ring(n + 1).length <= CQL2_LIMITS.maxLength) n += 1;
  return items(ring(n));
}

/** Filters refused by the bounds: each must cost about nothing. */
export function refusedFilters(): string[] {
  return [
    items(`${'NOT '.repeat(10_000)}status = 'open'`),
    items(`${'NOT '.repeat(2_000)}status = 'open'`),
    items(`${'{"op":"not","args":['.repeat(300)}true${']}'.repeat(300)}`, '&filter-lang=cql2-json'),
    items(`status IN (${Array.from({ length: 1_500 }, (_, i) => `'${i}'`).join(',')})`),
    items(`status = '${'x'.repeat(20_000)}'`),
  ];
}
