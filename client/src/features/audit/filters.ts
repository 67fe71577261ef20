import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** The audit page's filters as the URL keeps them (empty string: no filter). */
export interface AuditFilters {
  entity: string;
  user: string;
  action: string;
  from: string;
  to: string;
}

/** The filter keys, in URL order. */
export const FILTER_KEYS = ['entity', 'user', 'action', 'from', 'to'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z][a-z0-9_-]{0,39}$/;

/** The filters of a route's query; values the server would refuse (a malformed day or action) are dropped. */
export function filtersFromQuery(query: LocationQuery): AuditFilters {
  const text = (key: string, max: number) => {
    const v = query[key];
    return typeof v === 'string' ? v.trim().slice(0, max) : '';
  };
  const day = (key: string) => (DAY.test(text(key, 10)) ? text(key, 10) : '');
  const action = text('action', 40);
  return { entity: text('entity', 100), user: text('user', 64), action: ACTION.test(action) ? action : '', from: day('from'), to: day('to') };
}

/** The route query of filters and a page (page 1 and empty filters are left out, so a plain /admin/audit stays plain). */
export function queryOf(filters: AuditFilters, page: number): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of FILTER_KEYS) if (filters[key]) out[key] = filters[key];
  if (page > 1) out.page = String(page);
  return out;
}

/** True when a day range is given in reverse (the server refuses it). */
export function reversedRange(f: Pick<AuditFilters, 'from' | 'to'>): boolean {
  return f.from !== '' && f.to !== '' && f.from > f.to;
}
