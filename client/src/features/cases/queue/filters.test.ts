import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery, hasFilters, listParams, NO_FILTERS } from './filters';
import type { CaseTab } from './tabs';

const all: CaseTab = { kind: 'all', key: 'all', count: 3, overdue: 0 };
const toRegister: CaseTab = { kind: 'queue', key: 'to-register', states: ['reported'], action: 'register', count: 2, overdue: 0 };

describe('case filters in the URL', () => {
  it('round-trips every filter through the route query', () => {
    const filters = { tab: 'all', state: 'handling', category: 'E01-02', community: '330102001057', grid: '330102001057021', overdue: true, from: '2011-03-01', to: '2011-03-31', q: '垃圾', page: 3 } as const;
    const query = filtersToQuery(filters);
    expect(query).toEqual({ tab: 'all', state: 'handling', category: 'E01-02', community: '330102001057', grid: '330102001057021', overdue: 'true', from: '2011-03-01', to: '2011-03-31', q: '垃圾', page: '3' });
    expect(filtersFromQuery(query as Record<string, string>)).toEqual(filters);
  });

  it('drops malformed values instead of sending them to the server', () => {
    expect(filtersFromQuery({ state: 'lost', category: 'rubbish', community: '12', grid: 'x', from: 'March', page: '-2', tab: '<b>' })).toEqual(NO_FILTERS);
    expect(filtersFromQuery({ category: ['e01-02', 'C01-01'] }).category).toBe('E01-02');
    expect(filtersToQuery(NO_FILTERS)).toEqual({});
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, tab: 'all', page: 2 })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, overdue: true })).toBe(true);
  });

  it('asks the server for the queue’s states on a queue tab and the chosen state on the "all" tab', () => {
    const filters = { ...NO_FILTERS, state: 'closed' as const, category: 'E01-02', page: 2 };
    expect(listParams(filters, toRegister, 50)).toMatchObject({ state: 'reported', category: 'E01-02', limit: '50', offset: '50' });
    expect(listParams(filters, all, 50)).toMatchObject({ state: 'closed', overdue: undefined });
    expect(listParams({ ...NO_FILTERS, overdue: true }, all, 20)).toMatchObject({ state: undefined, overdue: 'true', offset: '0' });
  });

  it('lists only the caller’s own reports on a queue the server marks as such (an inspector’s cases to verify)', () => {
    const toVerify: CaseTab = { kind: 'queue', key: 'to-verify', states: ['feedback'], action: 'close', count: 1, overdue: 0, reporter: 'me' };
    expect(listParams(NO_FILTERS, toVerify, 50)).toMatchObject({ state: 'feedback', reporter: 'me' });
    expect(listParams(NO_FILTERS, toRegister, 50).reporter).toBeUndefined();
  });
});
