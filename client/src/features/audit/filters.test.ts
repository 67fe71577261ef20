import { describe, expect, it } from 'vitest';
import { auditUrl } from './api';
import { filtersFromQuery, queryOf, reversedRange } from './filters';

describe('audit filters in the URL', () => {
  it('reads the filters a URL keeps and drops what the server would refuse', () => {
    expect(filtersFromQuery({ user: ' mallory ', action: 'login_failed', from: '2026-03-01', to: '2026-03-02', page: '2' }))
      .toEqual({ entity: '', user: 'mallory', action: 'login_failed', from: '2026-03-01', to: '2026-03-02' });
    expect(filtersFromQuery({ action: 'DROP TABLE', from: '1 March', to: ['2026-03-01'] }))
      .toEqual({ entity: '', user: '', action: '', from: '', to: '' });
  });

  it('writes only the filters set, and the page past the first', () => {
    expect(queryOf({ entity: '', user: 'mallory', action: '', from: '2026-03-01', to: '' }, 1)).toEqual({ user: 'mallory', from: '2026-03-01' });
    expect(queryOf({ entity: 'session', user: '', action: 'login', from: '', to: '' }, 3)).toEqual({ entity: 'session', action: 'login', page: '3' });
  });

  it('sends the filters to GET /api/audit and spots a reversed range', () => {
    expect(auditUrl({ user: 'mallory', action: 'login_failed', from: '2026-03-01', to: '2026-03-02', limit: 25, offset: 50 }))
      .toBe('/api/audit?limit=25&offset=50&user=mallory&action=login_failed&from=2026-03-01&to=2026-03-02');
    expect(reversedRange({ from: '2026-03-02', to: '2026-03-01' })).toBe(true);
    expect(reversedRange({ from: '2026-03-01', to: '' })).toBe(false);
  });
});
