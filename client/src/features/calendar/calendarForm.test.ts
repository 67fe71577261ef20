import { describe, expect, it } from 'vitest';
import { checkCalendarYear } from '@shared/calendar';
import { bodyOf, formOf, rowOfField, yearChoices } from './calendarForm';

describe('the calendar form', () => {
  it('shows an English name equal to the Chinese one as empty and sends it back left out', () => {
    const form = formOf({
      holidays: [{ name: { zh: '国庆节', en: 'National Day' }, from: '2026-10-01', to: '2026-10-07' }],
      workdays: [{ name: { zh: '区调休', en: '区调休' }, date: '2026-10-10' }],
    });
    expect(form).toEqual({
      holidays: [{ zh: '国庆节', en: 'National Day', from: '2026-10-01', to: '2026-10-07' }],
      workdays: [{ zh: '区调休', en: '', date: '2026-10-10' }],
    });
    form.holidays[0]!.zh = '  国庆节 ';
    expect(bodyOf(form)).toEqual({
      holidays: [{ name: { zh: '国庆节', en: 'National Day' }, from: '2026-10-01', to: '2026-10-07' }],
      workdays: [{ name: { zh: '区调休' }, date: '2026-10-10' }],
    });
  });

  it('offers last year to the year after next and every year with holidays, newest first', () => {
    expect(yearChoices(2026, [2011, 2012, 2025, 2026])).toEqual([2028, 2027, 2026, 2025, 2012, 2011]);
  });

  it('finds the row a server field names', () => {
    expect(rowOfField('holidays.2.to')).toEqual({ list: 'holidays', index: 2, field: 'to' });
    expect(rowOfField('workdays.0.name.zh')).toEqual({ list: 'workdays', index: 0, field: 'name.zh' });
    expect(rowOfField('holidays')).toBeUndefined();
  });

  it('checks a year as the server does before sending it', () => {
    const issues = checkCalendarYear(2027, {
      holidays: [
        { name: { zh: '春节' }, from: '2027-02-05', to: '2027-02-11' },
        { name: { zh: '重叠' }, from: '2027-02-11', to: '2027-02-12' },
        { name: { zh: '跨年' }, from: '2027-12-31', to: '2028-01-01' },
      ],
      workdays: [{ name: { zh: '调休' }, date: '2027-02-07' }, { name: { zh: '去年' }, date: '2026-12-31' }],
    });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['holidays.2.to', 'outside_year'],
      ['holidays.1.from', 'overlap'],
      ['workdays.0.date', 'inside_holiday'],
      ['workdays.1.date', 'outside_year'],
    ]);
  });
});
