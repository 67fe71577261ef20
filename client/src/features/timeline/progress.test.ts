import { describe, expect, it } from 'vitest';
import type { StatusTemporal } from './asOf';
import { renovationProgress } from './progress';

const WORKS: StatusTemporal = { start: 'start_date', end: 'completed_date', status: { property: 'status', before: 'planned', during: 'under_construction' } };
const alley = { status: 'accepted', progress_pct: 100, start_date: '2011-03-01', completed_date: '2011-03-31' };

describe('renovation progress', () => {
  it('is the recorded percentage without a date', () => {
    expect(renovationProgress(WORKS, alley, null)).toEqual({ status: 'accepted', pct: 100, derived: false, start: '2011-03-01', end: '2011-03-31' });
    expect(renovationProgress(WORKS, { ...alley, status: 'under_construction', progress_pct: 45 }, null)).toMatchObject({ pct: 45, derived: false });
  });

  it('is 0 before the start, the share of days elapsed during the works and the record after completion', () => {
    expect(renovationProgress(WORKS, alley, '2011-02-28')).toMatchObject({ status: 'planned', pct: 0, derived: true });
    expect(renovationProgress(WORKS, alley, '2011-03-15')).toMatchObject({ status: 'under_construction', pct: 50, derived: true });
    expect(renovationProgress(WORKS, alley, '2011-03-31')).toMatchObject({ status: 'accepted', pct: 100, derived: false });
  });

  it('counts finished works without a record as done and knows nothing of running works without dates', () => {
    const courtyard = { status: 'completed', start_date: '2011-06-01', completed_date: '2011-10-28' };
    expect(renovationProgress(WORKS, courtyard, null)).toMatchObject({ pct: 100, derived: true });
    expect(renovationProgress(WORKS, { status: 'under_construction' }, null)).toMatchObject({ pct: undefined });
    expect(renovationProgress(WORKS, { status: 'planned' }, null)).toMatchObject({ status: 'planned', pct: 0, derived: true });
  });
});
