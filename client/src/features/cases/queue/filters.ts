import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CATEGORY_CODE, COMMUNITY_CODE, GRID_CODE } from '@shared/cases/constants';
import type { CaseListParams } from '../api';
import { isCaseState } from '../states';
import type { CaseState } from '../types';
import type { CaseTab } from './tabs';

/** The filters of the cases page, all kept in the URL. */
export interface CaseFilters {
  /** Tab key; empty for the role's first tab. */
  tab: string;
  /** Only on the "all" tab: one state. */
  state: CaseState | '';
  category: string;
  community: string;
  grid: string;
  overdue: boolean;
  /** Local dates `YYYY-MM-DD`. */
  from: string;
  to: string;
  q: string;
  page: number;
}

/** No filter at all. */
export const NO_FILTERS: CaseFilters = { tab: '', state: '', category: '', community: '', grid: '', overdue: false, from: '', to: '', q: '', page: 1 };

const PATTERNS = {
  category: CATEGORY_CODE,
  community: COMMUNITY_CODE,
  grid: GRID_CODE,
  date: /^\d{4}-\d{2}-\d{2}$/,
  tab: /^[a-z][a-z-]{0,40}$/,
};

function text(query: LocationQuery, key: string): string {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function matching(value: string, pattern: RegExp): string {
  return pattern.test(value) ? value : '';
}

/** Reads the filters from a route query; malformed values are dropped, not sent to the server. */
export function filtersFromQuery(query: LocationQuery): CaseFilters {
  const state = text(query, 'state');
  const page = Number.parseInt(text(query, 'page'), 10);
  return {
    tab: matching(text(query, 'tab'), PATTERNS.tab),
    state: isCaseState(state) ? state : '',
    category: matching(text(query, 'category').toUpperCase(), PATTERNS.category),
    community: matching(text(query, 'community'), PATTERNS.community),
    grid: matching(text(query, 'grid'), PATTERNS.grid),
    overdue: text(query, 'overdue') === 'true',
    from: matching(text(query, 'from'), PATTERNS.date),
    to: matching(text(query, 'to'), PATTERNS.date),
    q: text(query, 'q').slice(0, 100),
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** The route query of filters, leaving out what is empty or default. */
export function filtersToQuery(filters: CaseFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const key of ['tab', 'state', 'category', 'community', 'grid', 'from', 'to', 'q'] as const) {
    if (filters[key]) query[key] = filters[key];
  }
  if (filters.overdue) query.overdue = 'true';
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

/** Whether any filter besides the tab and page is set. */
export function hasFilters(filters: CaseFilters): boolean {
  return Boolean(filters.state || filters.category || filters.community || filters.grid || filters.overdue || filters.from || filters.to || filters.q);
}

/** The `GET /api/cases` parameters of a tab and its filters: a queue tab fixes the states. */
export function listParams(filters: CaseFilters, tab: CaseTab, pageSize: number): CaseListParams {
  const states = tab.kind === 'queue' ? tab.states.join(',') : filters.state;
  return {
    state: states || undefined,
    category: filters.category || undefined,
    community: filters.community || undefined,
    grid: filters.grid || undefined,
    overdue: filters.overdue ? 'true' : undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    q: filters.q || undefined,
    reporter: tab.kind === 'mine' || (tab.kind === 'queue' && tab.reporter === 'me') ? 'me' : undefined,
    limit: String(pageSize),
    offset: String((filters.page - 1) * pageSize),
  };
}
